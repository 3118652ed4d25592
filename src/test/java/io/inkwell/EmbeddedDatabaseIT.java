package io.inkwell;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.PackagedServer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfEnvironmentVariable;

/**
 * The embedded database as a user meets it through README command 1: real processes, real
 * kills. Run as root (CI, containers) it also shows that the database runs under its own
 * unprivileged account.
 */
@DisabledIfEnvironmentVariable(named = "QUARKUS_DATASOURCE_JDBC_URL", matches = ".+",
        disabledReason = "about the embedded database only")
class EmbeddedDatabaseIT {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "INKWELL_ADMIN_TOKEN", Api.ADMIN_TOKEN,
            "INKWELL_HEALTH_DATABASE_GRACE", "3s");
    private static final Duration FIRST_START = Duration.ofSeconds(120);

    @Test
    void everyAcknowledgedPostSurvivesKillingTheServerAndItsDatabase() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-crash");
        int port = PackagedServer.freePort();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PackagedServer server = PackagedServer.start(dataDir, port, ENVIRONMENT);
            server.awaitReady(FIRST_START);
            String slug = "acknowledged-" + i + "-" + Api.unique();
            Api.admin(server).body(Map.of("title", "Acknowledged " + i, "slug", slug, "status", "published"))
                    .post("/api/admin/posts").then().statusCode(201);
            // Right after the 201: no time for a background WAL flush to save the write.
            server.killWithDatabase();
            slugs.add(slug);
        }
        PackagedServer server = PackagedServer.start(dataDir, port, ENVIRONMENT);
        try {
            server.awaitReady(FIRST_START);
            for (String slug : slugs) {
                assertEquals(200, server.get("/api/content/posts/" + slug).statusCode(), slug + " was acknowledged");
            }
        } finally {
            assertEquals(0, server.stop());
        }
    }

    @Test
    void aKilledServerTakesItsDatabaseDownAndTheNextStartHasItsDatabaseWithinTenSeconds() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-kill");
        int port = PackagedServer.freePort();
        PackagedServer first = PackagedServer.start(dataDir, port, ENVIRONMENT);
        first.awaitReady(FIRST_START);
        String slug = "kept-" + Api.unique();
        Api.admin(first).body(Map.of("title", "Kept", "slug", slug, "status", "published"))
                .post("/api/admin/posts").then().statusCode(201);
        ProcessHandle postgres = PackagedServer.postmaster(dataDir).orElseThrow();
        Path leftover = scratchFolderOf(dataDir, first.process().pid());
        Files.writeString(leftover.resolve("half-an-upload.zip"), "an import cut short by the crash");

        first.kill();
        postgres.onExit().get(10, TimeUnit.SECONDS);

        PackagedServer second = PackagedServer.start(dataDir, port, ENVIRONMENT);
        try {
            // The database part, which used to take 60 s and then fail, within 10 s of launch; the
            // whole boot gets more room, as Quarkus alone can take that long on a loaded machine.
            second.awaitLog("Embedded PostgreSQL started", Duration.ofSeconds(10));
            second.awaitReady(Duration.ofSeconds(60));
            assertEquals(200, second.get("/api/content/posts/" + slug).statusCode());
            assertFalse(Files.exists(leftover), "the killed server's upload leftovers are deleted at start");
        } finally {
            assertEquals(0, second.stop());
        }
    }

    @Test
    void aDatabaseLeftRunningByAnEarlierServerIsStoppedAtStart() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-orphan");
        int port = PackagedServer.freePort();
        PackagedServer first = PackagedServer.start(dataDir, port, ENVIRONMENT);
        first.awaitReady(FIRST_START);
        assertEquals(0, first.stop());
        // What a server killed before this version's watchdog existed left behind.
        Process orphan = startPostgresByHand(dataDir);

        PackagedServer second = PackagedServer.start(dataDir, port, ENVIRONMENT);
        try {
            // The database part, which used to take 60 s and then fail, within 10 s of launch; the
            // whole boot gets more room, as Quarkus alone can take that long on a loaded machine.
            second.awaitLog("Embedded PostgreSQL started", Duration.ofSeconds(10));
            second.awaitReady(Duration.ofSeconds(60));
            assertTrue(second.log().contains("was still running"), second.log());
            assertFalse(orphan.isAlive(), "the orphan was stopped");
        } finally {
            assertEquals(0, second.stop());
            orphan.destroyForcibly();
        }
    }

    @Test
    void aRecreatedClusterStartsWithTheSavedPasswordAndNothingInItIsWrittenByTheServer() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-recreated");
        int port = PackagedServer.freePort();
        PackagedServer first = PackagedServer.start(dataDir, port, ENVIRONMENT);
        first.awaitReady(FIRST_START);
        assertEquals(0, first.stop());

        // The operator starts over: the cluster goes, the saved password stays.
        try (Stream<Path> paths = Files.walk(dataDir.resolve("postgres"))) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        PackagedServer second = PackagedServer.start(dataDir, port, ENVIRONMENT);
        second.awaitReady(FIRST_START);
        assertEquals(0, second.stop());

        // What the database account could do to a root server that wrote into the cluster.
        Path victim = Files.createTempFile("inkwell-victim", ".txt");
        Files.writeString(victim, "untouched");
        Path rules = dataDir.resolve("postgres").resolve("pg_hba.conf");
        Files.delete(rules);
        Files.createSymbolicLink(rules, victim);
        PackagedServer third = PackagedServer.start(dataDir, port, ENVIRONMENT);
        try {
            third.awaitReady(FIRST_START);
            assertEquals("untouched", Files.readString(victim));
        } finally {
            assertEquals(0, third.stop());
        }
    }

    @Test
    void asRootADataDirectoryTheDatabaseAccountCannotReachIsRefusedInOneLine() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root runs the database as another account");
        Path closed = Files.createTempDirectory("inkwell-closed");
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        Path dataDir = closed.resolve("data");
        PackagedServer server = PackagedServer.start(dataDir, PackagedServer.freePort(), ENVIRONMENT);
        assertEquals(1, server.awaitExit(Duration.ofSeconds(60)));
        String log = server.log();
        assertTrue(log.contains("ERROR: The embedded PostgreSQL runs as user 'inkwell', which cannot enter " + closed), log);
        assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
    }

    @Test
    void aSecondServerOnTheSameDataDirectoryIsRefusedInOneLine() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-twice");
        PackagedServer first = PackagedServer.start(dataDir, PackagedServer.freePort(), ENVIRONMENT);
        try {
            first.awaitReady(FIRST_START);
            PackagedServer second = PackagedServer.start(dataDir, PackagedServer.freePort(), ENVIRONMENT);
            assertNotEquals(0, second.awaitExit(Duration.ofSeconds(60)));
            String log = second.log();
            assertTrue(log.contains("ERROR: Another Inkwell server (pid " + first.process().pid()
                    + ") is using the data directory"), log);
            assertFalse(log.contains("\tat "), "no stack trace:\n" + log);
            assertEquals(200, first.get("/q/health/ready").statusCode(), "the first server is unharmed");
        } finally {
            assertEquals(0, first.stop());
        }
    }

    @Test
    void theDatabaseTakesOnlyItsGeneratedPasswordAndCommitsDurably() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-private");
        // As an operator may hand it over: open to everyone. The server closes it.
        Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));
        PackagedServer server = PackagedServer.start(dataDir, PackagedServer.freePort(), ENVIRONMENT);
        try {
            server.awaitReady(FIRST_START);
            // Nothing listens on TCP: the only way in is the socket in a folder only the database
            // account (and root) can enter.
            Path socketFolder = dataDir.resolve("postgres-socket");
            assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(socketFolder));
            String url = io.inkwell.common.db.embedded.EmbeddedDatabase.jdbcUrl(
                    socketFolder.resolve(".s.PGSQL." + databasePort(dataDir)));

            // The defaults of earlier versions (and of the library): any local user could log in.
            SQLException oldDefault = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, "postgres", "postgres").close());
            assertEquals("28P01", oldDefault.getSQLState(), "password authentication failed");
            assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", "").close());

            Path passwordFile = dataDir.resolve("postgres-password");
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(passwordFile));
            String password = Files.readString(passwordFile).strip();
            try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
                assertEquals("", setting(connection, "listen_addresses"));
                assertEquals(socketFolder.toString(), setting(connection, "unix_socket_directories"));
                assertEquals("on", setting(connection, "synchronous_commit"));
                assertEquals("on", setting(connection, "fsync"));
            }

            try (Stream<Path> binaries = Files.walk(dataDir.resolve("postgres-binaries"))) {
                for (Path entry : (Iterable<Path>) binaries::iterator) {
                    if (Files.isSymbolicLink(entry)) {
                        continue;
                    }
                    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
                    assertFalse(permissions.contains(PosixFilePermission.GROUP_WRITE)
                            || permissions.contains(PosixFilePermission.OTHERS_WRITE), entry + " " + permissions);
                }
            }
            Set<PosixFilePermission> dataPermissions = Files.getPosixFilePermissions(dataDir);
            assertFalse(dataPermissions.contains(PosixFilePermission.OTHERS_WRITE)
                    || dataPermissions.contains(PosixFilePermission.OTHERS_READ)
                    || dataPermissions.contains(PosixFilePermission.GROUP_WRITE), dataPermissions.toString());
        } finally {
            assertEquals(0, server.stop());
        }
    }

    @Test
    void aKilledDatabaseIsA503UntilItIsBackAndLivenessFailsWhileItCannotComeBack() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-outage");
        PackagedServer server = PackagedServer.start(dataDir, PackagedServer.freePort(), ENVIRONMENT);
        try {
            server.awaitReady(FIRST_START);
            // The database is killed and cannot start again until PG_VERSION is back, so the
            // outage lasts as long as the test needs, whatever the machine's speed.
            Path version = dataDir.resolve("postgres").resolve("PG_VERSION");
            Path hidden = version.resolveSibling("PG_VERSION.hidden");
            Files.move(version, hidden);
            ProcessHandle postmaster = PackagedServer.postmaster(dataDir).orElseThrow();
            List<ProcessHandle> backends = postmaster.descendants().toList();
            postmaster.destroyForcibly();
            for (ProcessHandle backend : backends) {
                backend.onExit().get(10, TimeUnit.SECONDS);
            }

            for (int i = 0; i < 5; i++) {
                Api.admin(server).body(Map.of("title", "During the outage")).post("/api/admin/posts").then()
                        .statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", equalTo("5")).body("status", is(503));
            }
            assertEventually(Duration.ofSeconds(30), () -> server.get("/q/health/live").statusCode() == 503);

            Files.move(hidden, version);
            assertEventually(Duration.ofSeconds(60), () -> server.get("/q/health/live").statusCode() == 200);
            Api.admin(server).body(Map.of("title", "After the outage")).post("/api/admin/posts").then().statusCode(201);
        } finally {
            assertEquals(0, server.stop());
        }
    }

    private interface Check {
        boolean passes() throws Exception;
    }

    private static void assertEventually(Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!check.passes()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
    }

    private static Path scratchFolderOf(Path dataDir, long pid) throws Exception {
        try (Stream<Path> folders = Files.list(dataDir.resolve("tmp"))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith(pid + "-")).findFirst()
                    .orElseThrow();
        }
    }

    private static int databasePort(Path dataDir) throws Exception {
        // Line 4 of postmaster.pid is the port.
        return Integer.parseInt(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).get(3).strip());
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (ResultSet result = connection.createStatement().executeQuery("show " + name)) {
            result.next();
            return result.getString(1);
        }
    }

    /** A postmaster on the data directory that no server started, as the database account runs it. */
    private static Process startPostgresByHand(Path dataDir) throws Exception {
        Path binaries;
        try (Stream<Path> versions = Files.list(dataDir.resolve("postgres-binaries"))) {
            binaries = versions.findFirst().orElseThrow();
        }
        Path cluster = dataDir.resolve("postgres");
        List<String> command = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            command.addAll(List.of("setpriv", "--reuid=inkwell", "--regid=inkwell", "--clear-groups", "--"));
        }
        // A relative data directory, as the previous version's launcher gave it.
        command.addAll(List.of(binaries.resolve("bin/postgres").toString(), "-D", "postgres",
                "-p", String.valueOf(PackagedServer.freePort()), "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=", "-c", "hba_file=" + dataDir.resolve("postgres-access.conf")));
        Process orphan = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("orphan.log").toFile()).start();
        assertEventually(Duration.ofSeconds(30), () -> {
            Path pidFile = cluster.resolve("postmaster.pid");
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.size() > 7 && lines.get(7).strip().equals("ready");
        });
        return orphan;
    }
}
