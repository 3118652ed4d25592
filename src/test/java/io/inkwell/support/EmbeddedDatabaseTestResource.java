package io.inkwell.support;

import io.inkwell.common.db.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/**
 * Tests run on a throwaway embedded PostgreSQL, or on the server named by
 * QUARKUS_DATASOURCE_JDBC_URL when it is set.
 */
public class EmbeddedDatabaseTestResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedDatabase database;

    @Override
    public Map<String, String> start() {
        if (EmbeddedDatabase.externalDatabaseConfigured()) {
            return Map.of();
        }
        try {
            database = EmbeddedDatabase.start(Files.createTempDirectory("inkwell-test-db"), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return database.datasourceProperties();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
        }
    }
}
