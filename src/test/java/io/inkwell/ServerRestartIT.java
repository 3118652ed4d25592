package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.PackagedServer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged server, started the way the README says, with nothing else set up: it creates
 * its database, prints an admin token, keeps data across a restart, and stops cleanly.
 */
class ServerRestartIT {

    private static final Pattern PRINTED_TOKEN = Pattern.compile("^\\s+(ink_[A-Za-z0-9_-]{43})\\s*$", Pattern.MULTILINE);
    // A shared external database may hold tokens already, so no token would be generated.
    private static final boolean EXTERNAL_DATABASE = PackagedServer.EXTERNAL_DATABASE;
    private static final String EXTERNAL_DATABASE_TOKEN = "restart-test-token";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void postCreatedWithTheGeneratedTokenSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-restart");
        int port = PackagedServer.freePort();
        String slug = "survivor-" + System.nanoTime();

        PackagedServer first = start(dataDir, port);
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

        PackagedServer second = start(dataDir, port);
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

    private static PackagedServer start(Path dataDir, int port) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("INKWELL_ADMIN_TOKEN", EXTERNAL_DATABASE ? EXTERNAL_DATABASE_TOKEN : null);
        return PackagedServer.start(dataDir, port, List.of(), env);
    }
}
