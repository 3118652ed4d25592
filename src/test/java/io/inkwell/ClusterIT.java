package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.inkwell.support.PackagedServer;
import io.inkwell.support.Sites;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Four packaged servers on one database, as behind a load balancer (README, "Several
 * instances"): a write through one reaches the others' Content API within the documented bound;
 * posts scheduled for the same moment are each published once, although the instance that was
 * publishing a batch of them is killed (kill -9) in the middle; an import cut short by kill -9
 * leaves nothing behind, the other instances keep serving, and the same import then runs in full
 * on another instance. Each test kills a different instance, so they do not depend on each other.
 */
class ClusterIT {

    private static final String ADMIN = "cluster-" + UUID.randomUUID();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The README's small-server heap, so that four servers fit beside the build. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    private static Path dataA;
    /** Starts first and hosts the embedded database the others use. */
    private static PackagedServer a;
    private static final Map<String, PackagedServer> OTHERS = new LinkedHashMap<>();

    @BeforeAll
    static void startFourInstances() throws Exception {
        dataA = Files.createTempDirectory("inkwell-cluster-a");
        a = PackagedServer.start(dataA, PackagedServer.freePort(), JVM_OPTIONS, Map.of(
                "INKWELL_ADMIN_TOKEN", ADMIN, "INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true"));
        a.awaitReady(Duration.ofSeconds(120));
        for (String name : List.of("b", "c", "d")) {
            Map<String, String> environment = new HashMap<>(PackagedServer.databaseOf(dataA, "inkwell-" + name));
            environment.put("INKWELL_ADMIN_TOKEN", ADMIN);
            environment.put("INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true");
            OTHERS.put(name, PackagedServer.start(Files.createTempDirectory("inkwell-cluster-" + name),
                    PackagedServer.freePort(), JVM_OPTIONS, environment));
        }
        for (PackagedServer server : OTHERS.values()) {
            server.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (PackagedServer server : OTHERS.values()) {
            if (server.process().isAlive()) {
                server.stop();
            }
        }
        if (a != null) {
            a.stop();
        }
    }

    @Test
    void aWriteThroughOneInstanceReachesTheOthersContentApiWithinTwoSeconds() throws Exception {
        PackagedServer b = OTHERS.get("b");
        JsonNode post = send(a, "POST", "/api/admin/posts", "{\"title\":\"Seen everywhere\",\"status\":\"published\"}", 201);
        String id = post.get("id").asText();
        String path = "/api/content/posts/" + post.get("slug").asText();
        awaitTitle(b, path, "Seen everywhere", Duration.ofSeconds(5)); // now cached on B
        List<Long> delays = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String title = "Seen everywhere, edit " + i;
            send(a, "PATCH", "/api/admin/posts/" + id, "{\"title\":\"" + title + "\"}", 200);
            send(a, "POST", "/api/admin/posts/" + id + "/publish", null, 200);
            delays.add(awaitTitle(b, path, title, Duration.ofSeconds(5)).toMillis());
        }
        // The bound the README gives: INKWELL_CONTENT_CACHE_CHECK_INTERVAL (1 s) and one rebuild.
        assertTrue(Collections.max(delays) <= 2000, "ms until B served each edit made through A: " + delays);
    }

    @Test
    void scheduledPostsArePublishedOnceThoughAnInstanceIsKilledWhilePublishingThem() throws Exception {
        PackagedServer d = OTHERS.get("d");
        Map<String, Set<String>> eventsByPost = new ConcurrentHashMap<>();
        HttpServer receiver = receiver(eventsByPost);
        try {
            String webhook = send(a, "POST", "/api/admin/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook\",\"events\":[\"post.published\",\"post.updated\"]}", 201).get("webhook").get("id").asText();
            // Enough for a batch (100 per transaction) on every instance, all due at the same moment.
            int count = 500;
            OffsetDateTime due = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(25).truncatedTo(ChronoUnit.SECONDS);
            List<PackagedServer> all = List.of(a, OTHERS.get("b"), OTHERS.get("c"), d);
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<JsonNode>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                // As an Instant: OffsetDateTime.toString() leaves out ":00" seconds, which RFC 3339 needs.
                String body = "{\"title\":\"Due together " + i + "\",\"markdown\":\"" + words(200)
                        + "\",\"status\":\"scheduled\",\"publishedAt\":\"" + due.toInstant() + "\"}";
                PackagedServer through = all.get(i % all.size());
                created.add(writers.submit(() -> send(through, "POST", "/api/admin/posts", body, 201)));
            }
            Set<String> ids = ConcurrentHashMap.newKeySet();
            for (Future<JsonNode> post : created) {
                ids.add(post.get().get("id").asText());
            }
            writers.shutdown();
            assertTrue(OffsetDateTime.now(ZoneOffset.UTC).isBefore(due.minusSeconds(2)),
                    "the posts were created too slowly to be due together; raise the lead time");

            try (Connection database = connectToTheDatabase()) {
                awaitLongWriteTransaction(database, "inkwell-d", due.plusSeconds(20));
            }
            d.kill();
            assertTrue(a.get("/q/health/ready").statusCode() == 200, "the others keep serving");

            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!eventsByPost.keySet().containsAll(ids) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            Thread.sleep(2000); // time for a second, wrong event to arrive
            assertTrue(eventsByPost.keySet().containsAll(ids), "posts never published: "
                    + ids.stream().filter(id -> !eventsByPost.containsKey(id)).count());
            List<String> twice = eventsByPost.entrySet().stream().filter(entry -> entry.getValue().size() > 1)
                    .map(Map.Entry::getKey).toList();
            assertEquals(List.of(), twice, "posts published more than once");
            assertTrue(total(a, "/api/admin/posts?status=scheduled&limit=1") == 0, "none left scheduled");
            send(a, "DELETE", "/api/admin/webhooks/" + webhook, null, 204);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void anImportCutShortByKill9LeavesNothingAndRunsInFullOnAnotherInstance() throws Exception {
        PackagedServer c = OTHERS.get("c");
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            files.put("content/posts/cut-short-" + i + ".md", ("+++\ntitle = \"Cut short " + i
                    + "\"\ndate = 2020-01-01T00:00:00Z\n+++\n\n" + words(800) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] zip = Sites.zip(files);
        int before = total(a, "/api/admin/posts?limit=1");

        CompletableFuture<HttpResponse<String>> cutShort = HTTP.sendAsync(importRequest(c, zip),
                HttpResponse.BodyHandlers.ofString());
        try (Connection database = connectToTheDatabase()) {
            awaitLongWriteTransaction(database, "inkwell-c", OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(60));
        }
        c.kill();
        assertTrue(cutShort.handle((response, failure) -> response == null).get(),
                "the killed instance never answered the import");

        assertEquals(200, a.get("/q/health/ready").statusCode(), "the others keep serving");
        assertEquals(before, total(a, "/api/admin/posts?limit=1"), "nothing of the cut-short import remains");

        HttpResponse<String> again = HTTP.send(importRequest(OTHERS.get("b"), zip), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, again.statusCode(), again.body());
        assertEquals(before + 400, total(a, "/api/admin/posts?limit=1"));
        assertEquals("Cut short 7", send(a, "GET", "/api/content/posts/cut-short-7", null, 200).get("title").asText());
    }

    /**
     * Waits until a server (by the name its connections give PostgreSQL) is in a transaction that
     * has written and has run for over half a second: a batch of publishing or an import, not the
     * short claims of the webhook dispatcher.
     */
    private static void awaitLongWriteTransaction(Connection database, String applicationName, OffsetDateTime until)
            throws Exception {
        try (PreparedStatement query = database.prepareStatement("""
                select count(*) from pg_stat_activity
                where application_name = ? and backend_xid is not null
                  and xact_start < clock_timestamp() - interval '500 milliseconds'""")) {
            query.setString(1, applicationName);
            while (OffsetDateTime.now(ZoneOffset.UTC).isBefore(until)) {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    if (rows.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError(applicationName + " was never seen in a long write transaction");
    }

    private static Connection connectToTheDatabase() throws Exception {
        Map<String, String> settings = PackagedServer.databaseOf(dataA, "cluster-test");
        return DriverManager.getConnection(settings.get("QUARKUS_DATASOURCE_JDBC_URL"),
                settings.getOrDefault("QUARKUS_DATASOURCE_USERNAME", System.getenv("QUARKUS_DATASOURCE_USERNAME")),
                settings.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", System.getenv("QUARKUS_DATASOURCE_PASSWORD")));
    }

    /** Collects each post's events by webhook-id: a delivery sent again after a crash is one event. */
    private static HttpServer receiver(Map<String, Set<String>> eventsByPost) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            JsonNode event = JSON.readTree(exchange.getRequestBody().readAllBytes());
            eventsByPost.computeIfAbsent(event.get("data").get("id").asText(), id -> ConcurrentHashMap.newKeySet())
                    .add(exchange.getRequestHeaders().getFirst("webhook-id"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        return receiver;
    }

    private static HttpRequest importRequest(PackagedServer server, byte[] zip) {
        return HttpRequest.newBuilder(server.uri("/api/admin/import")).timeout(Duration.ofMinutes(3))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/zip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build();
    }

    private static Duration awaitTitle(PackagedServer server, String path, String title, Duration timeout) throws Exception {
        long start = System.nanoTime();
        String last = null;
        while (System.nanoTime() - start < timeout.toNanos()) {
            HttpResponse<String> response = server.get(path);
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body()).get("title").asText();
                if (title.equals(last)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError(path + " still had the title '" + last + "', not '" + title + "'");
    }

    private static int total(PackagedServer server, String path) throws Exception {
        return send(server, "GET", path, null, 200).get("pagination").get("total").asInt();
    }

    private static JsonNode send(PackagedServer server, String method, String path, String body, int status) throws Exception {
        HttpResponse<String> response = server.send(method, path, ADMIN, body);
        assertEquals(status, response.statusCode(), method + " " + path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    private static String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i % 12 == 11 ? "cluster. " : "word" + (i % 37) + " ");
        }
        return text.toString().strip();
    }
}
