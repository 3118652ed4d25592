package io.inkwell.common.db.embedded;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server run by the application itself, so that a fresh clone needs nothing
 * but a JDK. It is started before Quarkus reads its configuration, because Flyway and Hibernate
 * need the JDBC URL at boot.
 *
 * <p>What lives in the data directory: {@code inkwell.lock} (one server at a time),
 * {@code postgres/} (the cluster, owned by the database account), {@code postgres-binaries/} (the
 * programs, writable only by the server's account), {@code postgres-password} (the superuser's
 * random password, mode 0600), {@code postgres-access.conf}, {@code postgres-socket/} and
 * {@code postgres.log}. The server has no TCP port: its only door is a Unix socket in a folder
 * only the database account can enter, and it asks every connection for the password (SCRAM).
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    public static final String JDBC_URL_PROPERTY = "quarkus.datasource.jdbc.url";
    private static final String SUPERUSER = "postgres";
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;
    private static final int SOCKET_PORT = 5432;

    /** Whether what is written must survive crashes: yes for a server, no for a test's scratch database. */
    public enum Durability {
        /** fsync and synchronous commit on: a commit the API acknowledged is on disk. */
        DURABLE,
        /** Wiped at start, nothing flushed: for test suites only. */
        THROWAWAY
    }

    private final DataDirectoryLock lock;
    private final Postmaster postmaster;
    private final Path socket;
    private final String password;

    private EmbeddedDatabase(DataDirectoryLock lock, Postmaster postmaster, Path socket, String password) {
        this.lock = lock;
        this.postmaster = postmaster;
        this.socket = socket;
        this.password = password;
    }

    /** True when the operator pointed the application at a PostgreSQL server of their own. */
    public static boolean externalDatabaseConfigured() {
        return System.getProperty(JDBC_URL_PROPERTY) != null
                || System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
    }

    /** INKWELL_DATA_DIR (or -Dinkwell.data-dir), else ./data. */
    public static Path dataDirectoryFromEnvironment() {
        String configured = Optional.ofNullable(System.getProperty("inkwell.data-dir"))
                .orElse(System.getenv("INKWELL_DATA_DIR"));
        return Path.of(configured == null || configured.isBlank() ? "data" : configured);
    }

    /** Starts PostgreSQL with its files in {@code dataDirectory}, reachable only through its private socket. */
    public static EmbeddedDatabase start(Path dataDirectory, Durability durability) {
        Path data = dataDirectory.toAbsolutePath().normalize();
        DatabaseAccount account = DatabaseAccount.forThisServer();
        DataDirectoryLock lock = null;
        try {
            account.ensurePrivateDirectory(data);
            lock = DataDirectoryLock.acquire(data);
            account.checkCanReach(data);
            Path binaries = PostgresBinaries.prepare(data.resolve("postgres-binaries"), account);
            Path cluster = data.resolve("postgres");
            Path logFile = data.resolve("postgres.log");
            rotate(logFile);
            if (!Files.exists(logFile)) {
                Files.createFile(logFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            StalePostmaster.stopIfRunning(cluster, binaries, account);
            if (durability == Durability.THROWAWAY) {
                PostgresBinaries.deleteTree(cluster);
            }
            boolean newCluster = !Files.exists(cluster.resolve("PG_VERSION"), LinkOption.NOFOLLOW_LINKS);
            if (newCluster) {
                Files.createDirectories(cluster);
                account.handOver(cluster);
                Files.setPosixFilePermissions(cluster, PosixFilePermissions.fromString("rwx------"));
                PostgresCommands.initdb(binaries, cluster, account, durability == Durability.DURABLE);
            }
            Path accessRules = writeAccessRules(data);
            String password = superuserPassword(data.resolve("postgres-password"), newCluster, binaries, cluster,
                    account, logFile);
            // The port only names the socket file (.s.PGSQL.5432); nothing listens on TCP.
            int port = SOCKET_PORT;
            Path socketFolder = socketFolder(data, account);
            Map<String, String> settings = settings(durability);
            settings.put("hba_file", accessRules.toString());
            settings.put("unix_socket_directories", socketFolder.toString());
            Postmaster postmaster = new Postmaster(binaries, cluster, logFile, account, port, settings);
            postmaster.start();
            LOG.infof("Embedded PostgreSQL started (pid %d, user %s, private socket, %s), data in %s",
                    postmaster.pid(), account.name(),
                    durability == Durability.DURABLE ? "durable commits" : "throwaway", cluster);
            return new EmbeddedDatabase(lock, postmaster, socketFolder.resolve(".s.PGSQL." + port), password);
        } catch (IOException e) {
            closeQuietly(lock);
            throw new EmbeddedDatabaseException("Could not prepare the embedded PostgreSQL in " + data + ": "
                    + e.getMessage());
        } catch (RuntimeException e) {
            closeQuietly(lock);
            throw e;
        }
    }

    private static Map<String, String> settings(Durability durability) {
        boolean durable = durability == Durability.DURABLE;
        Map<String, String> settings = new LinkedHashMap<>();
        // No TCP at all: a port on 127.0.0.1 is open to every local user (and, while the database
        // restarts, free for one of them to take). The only way in is the socket in a folder
        // only the database account (and root) can enter.
        settings.put("listen_addresses", "");
        settings.put("password_encryption", "scram-sha-256");
        settings.put("fsync", durable ? "on" : "off");
        settings.put("synchronous_commit", durable ? "on" : "off");
        settings.put("full_page_writes", durable ? "on" : "off");
        settings.put("timezone", "UTC");
        settings.put("max_connections", "100");
        // Large imports write a lot of WAL at once.
        settings.put("wal_buffers", "16MB");
        settings.put("max_wal_size", "2GB");
        return settings;
    }

    /**
     * Written at every start, so the rules are the code's, whatever the cluster was made with.
     * It lives beside the cluster, not in it: the cluster belongs to the database account, and a
     * root server writing into a folder that account controls could be pointed at any file.
     */
    private static Path writeAccessRules(Path data) throws IOException {
        Path rules = data.resolve("postgres-access.conf");
        Path staging = data.resolve("postgres-access.conf.new");
        Files.deleteIfExists(staging);
        Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        Files.writeString(staging, """
                # pg_hba.conf of the embedded PostgreSQL, written by Inkwell at every start.
                # Its private Unix socket only (no TCP, see listen_addresses), always with the password.
                local all all scram-sha-256
                """, StandardCharsets.US_ASCII);
        Files.move(staging, rules, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return rules;
    }

    /**
     * The superuser's password, made on first start (also for clusters made by older versions,
     * whose password was the well-known default). It is set in the cluster before it is saved, so
     * a crash in between only means a new one next time; a new cluster (the old one deleted, or
     * restored from elsewhere) gets the saved one set again.
     */
    private static String superuserPassword(Path file, boolean newCluster, Path binaries, Path cluster,
            DatabaseAccount account, Path logFile) throws IOException {
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            String saved = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (!saved.isEmpty()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                if (newCluster) {
                    PostgresCommands.setSuperuserPassword(binaries, cluster, account, saved, logFile);
                }
                return saved;
            }
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        PostgresCommands.setSuperuserPassword(binaries, cluster, account, password, logFile);
        Path staging = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(staging);
        Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(staging, password + "\n", StandardCharsets.US_ASCII, StandardOpenOption.SYNC);
        Files.move(staging, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return password;
    }

    private static void rotate(Path logFile) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The datasource settings Quarkus needs to reach this server. */
    public Map<String, String> datasourceProperties() {
        return Map.of(
                JDBC_URL_PROPERTY, jdbcUrl(socket),
                "quarkus.datasource.username", SUPERUSER,
                "quarkus.datasource.password", password);
    }

    /** A JDBC URL that reaches the server through its Unix socket (junixsocket). */
    public static String jdbcUrl(Path socket) {
        return "jdbc:postgresql://localhost/postgres?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory%24FactoryArg"
                + "&socketFactoryArg=" + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8);
    }

    /**
     * The socket's folder: in the data directory, owned by the database account, mode 0700. A
     * socket path is limited to about 100 bytes, so a data directory with a long path gets a
     * private folder under the temp directory instead.
     */
    private static Path socketFolder(Path data, DatabaseAccount account) throws IOException {
        Path folder = data.resolve("postgres-socket");
        if (folder.resolve(".s.PGSQL." + SOCKET_PORT).toString().getBytes(StandardCharsets.UTF_8).length > 100) {
            folder = Files.createTempDirectory("inkwell-pg");
        }
        Files.createDirectories(folder);
        account.handOver(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        return folder;
    }

    @Override
    public void close() {
        postmaster.stop();
        closeQuietly(lock);
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        if (lock != null) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debug("Releasing the data directory lock failed", e);
            }
        }
    }
}
