package io.inkwell;

import io.inkwell.common.db.EmbeddedDatabase;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Entry point of the packaged server. Without an external database it starts the embedded
 * PostgreSQL first and stops it only after Quarkus has finished its graceful shutdown.
 */
@QuarkusMain
public class InkwellMain implements QuarkusApplication {

    private static final CountDownLatch APPLICATION_STOPPED = new CountDownLatch(1);
    private static volatile boolean applicationStarted;

    public static void main(String... args) {
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            EmbeddedDatabase database = EmbeddedDatabase.start(EmbeddedDatabase.dataDirectoryFromEnvironment(), true);
            for (Map.Entry<String, String> property : database.datasourceProperties().entrySet()) {
                System.setProperty(property.getKey(), property.getValue());
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                awaitApplicationStopped();
                database.close();
            }, "embedded-postgres-stop"));
        }
        Quarkus.run(InkwellMain.class, args);
    }

    @Override
    public int run(String... args) {
        Quarkus.waitForExit();
        return 0;
    }

    private static void awaitApplicationStopped() {
        if (!applicationStarted) {
            return;
        }
        try {
            APPLICATION_STOPPED.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @ApplicationScoped
    static class ShutdownSignal {
        void onStart(@Observes StartupEvent event) {
            applicationStarted = true;
        }

        // Runs after the HTTP server has drained its requests, so the database outlives them.
        void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
            APPLICATION_STOPPED.countDown();
        }
    }
}
