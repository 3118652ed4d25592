package io.inkwell.support;

import io.inkwell.common.db.embedded.EmbeddedDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The packaged server as README command 1 starts it ({@code java -jar}), as a real process that
 * tests can stop, kill, and start again on the same data directory.
 */
public final class PackagedServer {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    public static final boolean EXTERNAL_DATABASE = System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;

    private final Process process;
    private final Path logFile;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedServer(Process process, Path logFile, int port) {
        this.process = process;
        this.logFile = logFile;
        this.port = port;
    }

    /** Starts the jar; {@code environment} adds to (or, with a null value, removes from) the test's own. */
    public static PackagedServer start(Path dataDir, int port, Map<String, String> environment) throws IOException {
        return start(dataDir, port, List.of(), environment);
    }

    /** The same, with these JVM options (e.g. the README's small-server flags). */
    public static PackagedServer start(Path dataDir, int port, List<String> jvmOptions, Map<String, String> environment)
            throws IOException {
        Path log = Files.createTempFile("inkwell-server", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("INKWELL_DATA_DIR", dataDir.toString());
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        environment.forEach((name, value) -> {
            if (value == null) {
                env.remove(name);
            } else {
                env.put(name, value);
            }
        });
        return new PackagedServer(builder.start(), log, port);
    }

    /**
     * Settings that make another server use the database of the server whose data directory this
     * is (its embedded PostgreSQL, through the Unix socket), or the test run's external database;
     * the server's connections carry {@code applicationName}, which pg_stat_activity shows.
     */
    public static Map<String, String> databaseOf(Path dataDir, String applicationName) throws IOException {
        Map<String, String> settings = new HashMap<>();
        String url;
        if (EXTERNAL_DATABASE) {
            // The user and password, if the test run has them, are inherited as they are.
            url = System.getenv("QUARKUS_DATASOURCE_JDBC_URL");
        } else {
            Path socket;
            try (Stream<Path> files = Files.list(dataDir.resolve("postgres-socket"))) {
                socket = files.filter(file -> file.getFileName().toString().matches("\\.s\\.PGSQL\\.\\d+"))
                        .findFirst().orElseThrow();
            }
            url = EmbeddedDatabase.jdbcUrl(socket);
            settings.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            settings.put("QUARKUS_DATASOURCE_PASSWORD", Files.readString(dataDir.resolve("postgres-password")).strip());
        }
        settings.put("QUARKUS_DATASOURCE_JDBC_URL", url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + applicationName);
        return settings;
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Process process() {
        return process;
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String log() throws IOException {
        return Files.readString(logFile, StandardCharsets.UTF_8);
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a bearer token and, when {@code json} is not null, a JSON body. */
    public HttpResponse<String> send(String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until the server's log contains {@code text}; fails with the log if it does not in time. */
    public void awaitLog(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("no '" + text + "' within " + timeout.toSeconds() + " s:\n" + log());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for /q/health/ready; fails with the server's log if it exits or takes longer than {@code timeout}. */
    public Duration awaitReady(Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited early (code " + process.exitValue() + "):\n" + log());
            }
            try {
                if (get("/q/health/ready").statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("server not ready within " + timeout.toSeconds() + " s:\n" + log());
    }

    /** The embedded PostgreSQL's postmaster, from its pid file. */
    public static Optional<ProcessHandle> postmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
    }

    /**
     * kill -9 of every process the JVM started (the database and its backends), then of the JVM:
     * the database first, so that it gets no chance to flush anything on its way down.
     */
    public void killWithDatabase() throws InterruptedException {
        List<ProcessHandle> family = process.descendants().toList();
        family.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** kill -9 of the JVM alone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as an orchestrator or Ctrl-C stops it; returns the exit code (0 for a clean stop). */
    public int stop() throws Exception {
        if (!process.isAlive()) {
            return process.exitValue();
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop:\n" + log());
        }
        // 143 is the JVM's answer to SIGTERM when it exits from a signal; both mean a clean stop.
        int code = process.exitValue();
        return code == 143 ? 0 : code;
    }

    /** Waits for the process to end by itself; its exit code. */
    public int awaitExit(Duration timeout) throws Exception {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server still running after " + timeout.toSeconds() + " s:\n" + log());
        }
        return process.exitValue();
    }
}
