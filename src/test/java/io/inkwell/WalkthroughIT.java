package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.inkwell.support.PackagedServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The README's walkthrough, run as a reader runs it: every {@code ```sh} block of README.md, in
 * order, as one bash script ({@code set -euo pipefail}, and every curl says {@code -f}) against a
 * fresh packaged server. A step that no longer works fails this test, so the README cannot
 * drift from the API.
 */
class WalkthroughIT {

    private static final Path README = Path.of("README.md");
    private static final String ADMIN_TOKEN = "walkthrough-admin-token";

    /** What README.md's own command extracts: the lines between a {@code ```sh} line and the next {@code ```} line. */
    static String script(List<String> readme) {
        StringBuilder script = new StringBuilder();
        boolean inside = false;
        for (String line : readme) {
            if (!inside && line.equals("```sh")) {
                inside = true;
            } else if (inside && line.equals("```")) {
                inside = false;
            } else if (inside) {
                script.append(line).append('\n');
            }
        }
        return script.toString();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Arrays.stream(path.split(java.io.File.pathSeparator))
                .anyMatch(folder -> !folder.isEmpty() && Files.isExecutable(Path.of(folder, tool)));
    }

    @Test
    void theReadmesShellBlocksRunTopToBottomAgainstAFreshServer() throws Exception {
        assumeFalse(PackagedServer.EXTERNAL_DATABASE, "the walkthrough needs a fresh database: its slugs are fixed");
        // .ci/run makes sure CI has them; on a machine without them, say so instead of failing.
        for (String tool : List.of("bash", "curl", "jq")) {
            assumeTrue(onPath(tool), "WalkthroughIT skipped: '" + tool + "' is not installed");
        }
        String script = script(Files.readAllLines(README, StandardCharsets.UTF_8));
        assertTrue(script.contains("curl"), "README.md has sh blocks");

        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            delivered.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();

        Path dataDir = Files.createTempDirectory("inkwell-walkthrough-data");
        Path workDir = Files.createTempDirectory("inkwell-walkthrough");
        int port = PackagedServer.freePort();
        PackagedServer server = PackagedServer.start(dataDir, port, Map.of("INKWELL_ADMIN_TOKEN", ADMIN_TOKEN,
                // The walkthrough's webhook points at the receiver above, on loopback.
                "INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true"));
        try {
            server.awaitReady(Duration.ofSeconds(120));
            Files.writeString(workDir.resolve("walkthrough.sh"), script);
            ProcessBuilder bash = new ProcessBuilder("bash", "-e", "-u", "-o", "pipefail", "-x", "walkthrough.sh")
                    .directory(workDir.toFile()).redirectErrorStream(true);
            bash.environment().put("INKWELL_URL", "http://127.0.0.1:" + port);
            bash.environment().put("INKWELL_ADMIN_TOKEN", ADMIN_TOKEN);
            bash.environment().put("WEBHOOK_URL", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
            Process run = bash.start();
            String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(run.waitFor(5, TimeUnit.MINUTES), "the walkthrough ends");
            assertEquals(0, run.exitValue(), "every step of the walkthrough succeeds:\n" + output);

            // The answers the README points out, as the walkthrough printed them.
            for (String status : List.of("412", "409", "404")) {
                assertTrue(output.lines().anyMatch(line -> line.equals(status)), "the README's " + status + ":\n" + output);
            }
            assertTrue(output.contains("\"slug\":\"pycon-pune-2017\""), output);
            assertTrue(Files.size(workDir.resolve("inkwell-export.zip")) > 0, "the export was saved");

            // What it left behind, as a reader of the Content API sees it.
            HttpResponse<String> live = server.get("/api/content/posts/pycon-pune-2017");
            assertEquals(200, live.statusCode(), live.body());
            // Revision 1 was restored, then published with the feature image: the first title is back.
            assertTrue(live.body().contains("\"title\":\"Pycon Pune 2017\""), live.body());
            assertTrue(live.body().contains("\"publishedAt\":\"2017-02-21T09:02:03Z\""), live.body());
            assertTrue(live.body().contains("\"url\":\"/media/"), "the feature image set in the walkthrough: " + live.body());
            HttpResponse<String> imported = server.get("/api/content/posts/hello-hugo");
            assertEquals(200, imported.statusCode(), imported.body());
            assertTrue(imported.body().contains("\"updatedAt\":\"2017-03-02T08:30:00Z\""), imported.body());

            // The walkthrough's test event reaches the receiver it subscribed.
            Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> delivered.stream().anyMatch(body -> body.contains("\"type\":\"webhook.test\"")));
        } finally {
            receiver.stop(0);
            assertEquals(0, server.stop(), "graceful stop");
        }
    }
}
