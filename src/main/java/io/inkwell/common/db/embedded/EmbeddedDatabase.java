package io.inkwell.common.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run by the application itself, so that a fresh clone needs nothing
 * but a JDK. It is started before Quarkus reads its configuration, because Flyway and Hibernate
 * need the JDBC URL at boot.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String JDBC_URL_PROPERTY = "quarkus.datasource.jdbc.url";

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** True when the operator pointed the application at a PostgreSQL server of their own. */
    public static boolean externalDatabaseConfigured() {
        return System.getProperty(JDBC_URL_PROPERTY) != null
                || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
    }

    /**
     * Starts PostgreSQL on a free local port with its data in {@code dataDirectory}. With
     * {@code keepData} the directory is reused across restarts; otherwise it is wiped first.
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean keepData) {
        refuseRoot();
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(!keepData)
                    // Stopped by the application after in-flight requests finish, not by a
                    // JVM hook racing with Quarkus's graceful shutdown.
                    .setRegisterShutdownHook(!keepData)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("wal_buffers", "16MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("fsync", keepData ? "on" : "off")
                    .start();
            LOG.infof("Embedded PostgreSQL listening on port %d, data in %s",
                    postgres.getPort(), dataDirectory.toAbsolutePath());
            return new EmbeddedDatabase(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in "
                    + dataDirectory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    /** The datasource settings Quarkus needs to reach this server. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                JDBC_URL_PROPERTY, postgres.getJdbcUrl("postgres", "postgres"),
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    public static Path dataDirectoryFromEnvironment() {
        String configured = Optional.ofNullable(System.getProperty("inkwell.data-dir"))
                .orElse(System.getenv("INKWELL_DATA_DIR"));
        Path base = Path.of(configured == null || configured.isBlank() ? "data" : configured);
        return base.resolve("postgres");
    }

    private static void refuseRoot() {
        String user = System.getProperty("user.name", "").toLowerCase(Locale.ROOT);
        if ("root".equals(user)) {
            throw new IllegalStateException("PostgreSQL refuses to run as root, so the embedded "
                    + "database cannot start. Run Inkwell as an ordinary user, or point it at a "
                    + "PostgreSQL server with QUARKUS_DATASOURCE_JDBC_URL.");
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
