package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, started the way the README says, with nothing else set up: it creates
 * its database, prints an admin token, keeps data across a restart, and stops cleanly.
 */
class ServerRestartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final Pattern PRINTED_TOKEN = Pattern.compile("^\\s+(ink_[A-Za-z0-9_-]{43})\\s*$", Pattern.MULTILINE);
    // A shared external database may hold tokens already, so no token would be generated.
    private static final boolean EXTERNAL_DATABASE = System.getenv("QUARKUS_DATASOURCE_JDBC_URL") != null;
    private static final String EXTERNAL_DATABASE_TOKEN = "restart-test-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void postCreatedWithTheGeneratedTokenSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-restart");
        int port = freePort();
        String slug = "survivor-" + System.nanoTime();

        Server first = Server.start(dataDir, port);
        String token;
        String id;
        try {
            first.awaitReady(http);
            if (EXTERNAL_DATABASE) {
                token = EXTERNAL_DATABASE_TOKEN;
            } else {
                Matcher printed = PRINTED_TOKEN.matcher(first.log());
                assertTrue(printed.find(), "a generated admin token is printed at first start:\n" + first.log());
                token = printed.group(1);
            }

            HttpResponse<String> created = http.send(HttpRequest.newBuilder(first.uri("/api/admin/posts"))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Survivor\",\"slug\":\"" + slug
                            + "\",\"status\":\"published\",\"markdown\":\"Still here.\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            id = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        } finally {
            assertEquals(0, first.stop(), "graceful stop");
        }

        Server second = Server.start(dataDir, port);
        try {
            second.awaitReady(http);
            assertTrue(!PRINTED_TOKEN.matcher(second.log()).find(), "the token is printed only once");
            HttpResponse<String> again = http.send(HttpRequest.newBuilder(second.uri("/api/admin/posts/" + id))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, again.statusCode(), again.body());
            assertTrue(again.body().contains("\"title\":\"Survivor\""), again.body());
            HttpResponse<String> live = http.send(HttpRequest.newBuilder(second.uri("/api/content/posts/" + slug)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, live.statusCode(), live.body());
        } finally {
            assertEquals(0, second.stop(), "graceful stop");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private record Server(Process process, Path logFile, int port) {

        static Server start(Path dataDir, int port) throws IOException {
            Path log = Files.createTempFile("inkwell-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("INKWELL_DATA_DIR", dataDir.toString());
            env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
            if (EXTERNAL_DATABASE) {
                env.put("INKWELL_ADMIN_TOKEN", EXTERNAL_DATABASE_TOKEN);
            } else {
                env.remove("INKWELL_ADMIN_TOKEN");
            }
            return new Server(builder.start(), log, port);
        }

        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        void awaitReady(HttpClient http) throws Exception {
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

        int stop() throws Exception {
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
}
