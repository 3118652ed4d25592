package io.inkwell.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server ({@code target/quarkus-app/quarkus-run.jar}) as a separate process, for
 * *IT classes that run after {@code package}. It inherits this JVM's environment, so an external
 * database set with {@code QUARKUS_DATASOURCE_JDBC_URL} (and its credentials) is used by it too.
 */
public record PackagedServer(Process process, Path logFile, int port) {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Whether the tests run against an external PostgreSQL instead of the embedded one. */
    public static final boolean EXTERNAL_DATABASE = System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;

    /**
     * Starts the server with these JVM options and environment variables; a variable mapped to
     * {@code null} is removed from the inherited environment.
     */
    public static PackagedServer start(Path dataDir, int port, List<String> jvmOptions, Map<String, String> env)
            throws IOException {
        Path log = Files.createTempFile("inkwell-server", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(JAR.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("INKWELL_DATA_DIR", dataDir.toString());
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.forEach((name, value) -> {
            if (value == null) {
                environment.remove(name);
            } else {
                environment.put(name, value);
            }
        });
        return new PackagedServer(builder.start(), log, port);
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public String log() throws IOException {
        return Files.readString(logFile);
    }

    public void awaitReady(HttpClient http) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited early:\n" + log());
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep waiting
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not ready in time:\n" + log());
    }

    /** Stops the server with SIGTERM; 0 for a clean stop. */
    public int stop() throws Exception {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop:\n" + log());
        }
        // 143 is the JVM's answer to SIGTERM when it exits from a signal; both mean a clean stop.
        int code = process.exitValue();
        return code == 143 ? 0 : code;
    }
}
