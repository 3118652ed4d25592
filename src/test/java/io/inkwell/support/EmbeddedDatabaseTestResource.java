package io.inkwell.support;

import io.inkwell.common.ScratchSpace;
import io.inkwell.common.db.embedded.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Tests run on a throwaway embedded PostgreSQL, or on the server named by
 * QUARKUS_DATASOURCE_JDBC_URL when it is set.
 */
public class EmbeddedDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;
    private Path dataDirectory;

    @Override
    public Map<String, String> start() {
        if (EmbeddedDatabase.externalDatabaseConfigured()) {
            return Map.of();
        }
        try {
            // In the temp folder rather than target/: run as root, the database account must be able
            // to reach it, and a clone may sit where it cannot (under /root).
            dataDirectory = Files.createTempDirectory("inkwell-test-db");
            database = EmbeddedDatabase.start(dataDirectory, EmbeddedDatabase.Durability.THROWAWAY);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database.datasourceProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            ScratchSpace.deleteRecursively(dataDirectory);
        }
    }
}
