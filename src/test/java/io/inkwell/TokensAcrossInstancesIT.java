package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.PackagedServer;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Two packaged servers on one database, as behind a load balancer: a token revoked through one
 * is refused by the other within a second; Content API keys, when required, are checked; each
 * webhook event is delivered once though both instances deliver; and a new INKWELL_ADMIN_TOKEN
 * revokes the old one at the next start.
 */
class TokensAcrossInstancesIT {

    private static final Pattern SECRET = Pattern.compile("\"secret\":\"(ink_[A-Za-z0-9_-]{43})\"");
    private static final Pattern ID = Pattern.compile("\"token\":\\{\"id\":\"([0-9a-f-]{36})\"");
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void tokensChangeOnEveryInstance() throws Exception {
        Path dataA = Files.createTempDirectory("inkwell-a");
        Path dataB = Files.createTempDirectory("inkwell-b");
        String firstAdmin = "first-" + UUID.randomUUID();
        int portA = PackagedServer.freePort();
        // Webhooks go to a receiver in this test, on loopback.
        PackagedServer a = PackagedServer.start(dataA, portA, Map.of("INKWELL_ADMIN_TOKEN", firstAdmin,
                "INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true"));
        PackagedServer b = null;
        try {
            a.awaitReady(Duration.ofSeconds(120));
            Map<String, String> environmentB = new HashMap<>(PackagedServer.databaseOf(dataA, "inkwell-b"));
            environmentB.put("INKWELL_ADMIN_TOKEN", firstAdmin);
            environmentB.put("INKWELL_CONTENT_REQUIRE_KEY", "true");
            environmentB.put("INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true");
            // A token B has not loaded yet (it reloads every half second) is a bad token to it. The
            // awaits below try every 100 ms; in a slow run they and the bad key made ten failures
            // within a minute, and B answered this client 429. FailedAuthenticationsTest covers that limit.
            environmentB.put("INKWELL_AUTH_MAX_FAILURES", "100");
            b = PackagedServer.start(dataB, PackagedServer.freePort(), environmentB);
            b.awaitReady(Duration.ofSeconds(120));

            String[] editor = createToken(a, firstAdmin, "editor");
            awaitStatus(b, "/api/admin/posts?limit=1", editor[1], 200, Duration.ofSeconds(5));

            assertEquals(204, send(a, "DELETE", "/api/admin/tokens/" + editor[0], firstAdmin).statusCode());
            Duration refusedAfter = awaitStatus(b, "/api/admin/posts?limit=1", editor[1], 401, Duration.ofSeconds(5));
            assertTrue(refusedAfter.toMillis() <= 1000, "refused by the other instance after " + refusedAfter.toMillis() + " ms");

            // B requires Content API keys, A does not.
            assertEquals(401, send(b, "GET", "/api/content/posts", null).statusCode());
            HttpResponse<String> badKey = send(b, "GET", "/api/content/posts", "ink_not-a-key");
            assertEquals(401, badKey.statusCode());
            assertTrue(badKey.body().contains("The bearer token is not valid."), badKey.body());
            assertEquals(200, send(a, "GET", "/api/content/posts", null).statusCode());
            String[] key = createToken(a, firstAdmin, "content");
            awaitStatus(b, "/api/content/posts", key[1], 200, Duration.ofSeconds(5));
            assertEquals(401, send(b, "GET", "/api/content/posts", null).statusCode(), "a cached answer still needs a key");
            assertEquals(200, send(b, "GET", "/api/content/posts", firstAdmin).statusCode(), "staff tokens read too");
            assertEquals(403, send(b, "GET", "/api/admin/posts", key[1]).statusCode(), "a key is no admin token");
            assertEquals(404, send(b, "GET", "/media/none/x.jpg", null).statusCode(),
                    "/media asks for no key (<img> tags cannot send one)");
            eachEventIsDeliveredOnceByTwoInstances(a, b, firstAdmin);

            for (PackagedServer server : new PackagedServer[] {a, b}) {
                assertTrue(!server.log().contains(editor[1]) && !server.log().contains(key[1])
                        && !server.log().contains(firstAdmin), "secrets are never logged");
            }
        } finally {
            if (b != null) {
                b.stop();
            }
            assertEquals(0, a.stop(), "graceful stop");
        }

        String secondAdmin = "second-" + UUID.randomUUID();
        PackagedServer again = PackagedServer.start(dataA, portA, Map.of("INKWELL_ADMIN_TOKEN", secondAdmin));
        try {
            again.awaitReady(Duration.ofSeconds(120));
            assertTrue(again.log().contains("revoked the bootstrap token it replaces"), again.log());
            assertEquals(401, send(again, "GET", "/api/admin/me", firstAdmin).statusCode(), "the old bootstrap token");
            assertEquals(200, send(again, "GET", "/api/admin/me", secondAdmin).statusCode());
        } finally {
            assertEquals(0, again.stop(), "graceful stop");
        }
    }

    /**
     * Posts published through both instances, whose workers both deliver: each event reaches the
     * receiver once (both claim with SKIP LOCKED).
     */
    private void eachEventIsDeliveredOnceByTwoInstances(PackagedServer a, PackagedServer b, String admin) throws Exception {
        List<String> ids = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            ids.add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            HttpResponse<String> webhook = http.send(HttpRequest.newBuilder(a.uri("/api/admin/webhooks"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                            + "/hook\",\"events\":[\"post.published\"]}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, webhook.statusCode(), webhook.body());
            int posts = 20;
            for (int i = 0; i < posts; i++) {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder((i % 2 == 0 ? a : b).uri("/api/admin/posts"))
                        .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Twice " + i + "\",\"status\":\"published\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(201, created.statusCode(), created.body());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (ids.size() < posts && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(3000); // time for a second, wrong delivery to arrive
            assertEquals(posts, ids.size(), "deliveries received: " + ids);
            assertEquals(posts, new HashSet<>(ids).size(), "each event once: " + ids);
        } finally {
            receiver.stop(0);
        }
    }

    /** A new token's id and secret. */
    private String[] createToken(PackagedServer server, String admin, String role) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(server.uri("/api/admin/tokens"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + role + " elsewhere\",\"role\":\"" + role + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        Matcher secret = SECRET.matcher(created.body());
        Matcher id = ID.matcher(created.body());
        assertTrue(secret.find() && id.find(), created.body());
        return new String[] {id.group(1), secret.group(1)};
    }

    private HttpResponse<String> send(PackagedServer server, String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * How long until the server answers {@code status}; fails after {@code timeout}. Asks every
     * 100 ms: a token the server does not know yet counts as a bad one (hence B's higher
     * INKWELL_AUTH_MAX_FAILURES).
     */
    private Duration awaitStatus(PackagedServer server, String path, String token, int status, Duration timeout) throws Exception {
        long start = System.nanoTime();
        int last;
        do {
            last = send(server, "GET", path, token).statusCode();
            if (last == status) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        } while (System.nanoTime() - start < timeout.toNanos());
        throw new AssertionError(path + " answered " + last + ", not " + status + ", for " + timeout.toMillis() + " ms:\n" + server.log());
    }
}
