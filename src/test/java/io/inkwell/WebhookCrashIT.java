package io.inkwell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.inkwell.support.PackagedServer;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the server (and its database) between a write and the delivery of its webhook
 * event: after a restart the event is delivered, once where the receiver had not seen it, and a
 * second time only where the receiver had it but never answered.
 */
class WebhookCrashIT {

    private static final String ADMIN = "crash-test-admin-token";
    private final HttpClient http = HttpClient.newHttpClient();

    /** One request the receiver got: the delivery's id, its body, and whether it was answered. */
    private record Received(String webhookId, String body, boolean answered) {
    }

    @Test
    void eventsOfAKilledServerAreDeliveredAfterItsRestart() throws Exception {
        Path dataDir = Files.createTempDirectory("inkwell-webhook-crash");
        int port = PackagedServer.freePort();
        int receiverPort = PackagedServer.freePort();
        Map<String, String> environment = Map.of("INKWELL_ADMIN_TOKEN", ADMIN,
                "INKWELL_WEBHOOKS_ALLOW_PRIVATE", "true", "INKWELL_WEBHOOKS_RETRY_BASE", "200ms");
        String before = "before-delivery-" + System.nanoTime();
        String during = "during-delivery-" + System.nanoTime();

        // The receiver is not listening yet: the event can only wait in the outbox when the server dies.
        PackagedServer first = PackagedServer.start(dataDir, port, environment);
        try {
            first.awaitReady(Duration.ofSeconds(120));
            HttpResponse<String> webhook = post(first, "/api/admin/webhooks", "{\"url\":\"http://127.0.0.1:" + receiverPort
                    + "/hook\",\"events\":[\"post.published\"]}");
            assertEquals(201, webhook.statusCode(), webhook.body());
            publish(first, before);
        } finally {
            first.killWithDatabase();
        }

        List<Received> received = new CopyOnWriteArrayList<>();
        CountDownLatch hanging = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", receiverPort), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        receiver.setExecutor(handlers);
        receiver.createContext("/hook", exchange -> {
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean firstSightOfDuring = body.contains(during) && received.stream().noneMatch(r -> r.body().contains(during));
            if (firstSightOfDuring) {
                // Holds the delivery unanswered until the server that sent it is dead.
                received.add(new Received(id, body, false));
                hanging.countDown();
                awaitQuietly(release);
                exchange.close();
                return;
            }
            received.add(new Received(id, body, true));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            PackagedServer second = PackagedServer.start(dataDir, port, environment);
            try {
                second.awaitReady(Duration.ofSeconds(120));
                awaitReceived(received, r -> r.body().contains(before), 1, Duration.ofSeconds(60), second);

                publish(second, during);
                assertTrue(hanging.await(30, TimeUnit.SECONDS), "the receiver got the second event:\n" + second.log());
            } finally {
                second.killWithDatabase();
                release.countDown();
            }

            PackagedServer third = PackagedServer.start(dataDir, port, environment);
            try {
                third.awaitReady(Duration.ofSeconds(120));
                // The unanswered attempt's lease (30 s) must end before it is tried again.
                awaitReceived(received, r -> r.body().contains(during) && r.answered(), 1, Duration.ofSeconds(90), third);
                Thread.sleep(3000); // time for a wrong, extra delivery to arrive
            } finally {
                assertEquals(0, third.stop(), "graceful stop");
            }
        } finally {
            receiver.stop(0);
            handlers.shutdownNow();
        }

        List<Received> ofBefore = received.stream().filter(r -> r.body().contains(before)).toList();
        assertEquals(1, ofBefore.size(), "the event written before the crash, delivered once: " + ofBefore);
        List<Received> ofDuring = received.stream().filter(r -> r.body().contains(during)).toList();
        assertEquals(2, ofDuring.size(), "the unanswered delivery is sent again, once: " + ofDuring);
        assertEquals(ofDuring.get(0).webhookId(), ofDuring.get(1).webhookId(), "a retry keeps its webhook-id");
        assertEquals(List.of(false, true), ofDuring.stream().map(Received::answered).toList());
    }

    private void publish(PackagedServer server, String slug) throws Exception {
        HttpResponse<String> created = post(server, "/api/admin/posts",
                "{\"title\":\"Crash test\",\"slug\":\"" + slug + "\",\"status\":\"published\",\"markdown\":\"Sent later.\"}");
        assertEquals(201, created.statusCode(), created.body());
    }

    private HttpResponse<String> post(PackagedServer server, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri(path))
                .header("Authorization", "Bearer " + ADMIN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReceived(List<Received> received, Predicate<Received> which, int count, Duration timeout,
            PackagedServer server) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (received.stream().filter(which).count() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not delivered within " + timeout.toSeconds() + " s; received " + received
                        + "\n" + server.log());
            }
            Thread.sleep(100);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
