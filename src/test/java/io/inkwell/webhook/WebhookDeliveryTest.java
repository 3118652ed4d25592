package io.inkwell.webhook;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.inkwell.post.PostContent;
import io.inkwell.post.PostLifecycle;
import io.inkwell.post.PostStatus;
import io.inkwell.support.Api;
import io.inkwell.support.MovableClock;
import io.inkwell.support.Posts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhooks delivered to a real HTTP receiver on loopback (the tests' server allows private targets). */
@QuarkusTest
class WebhookDeliveryTest {

    /** One request as the receiver saw it. */
    record Received(String id, String timestamp, String signature, String body) {
    }

    @Inject
    MovableClock clock;
    @Inject
    PostLifecycle lifecycle;

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        clock.reset();
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    /** A webhook for these events; returns its id and secret. */
    private String[] subscribe(String... events) {
        JsonPath created = admin().body(Map.of("url", url(), "events", List.of(events), "description", "test receiver"))
                .post("/api/admin/webhooks").then().statusCode(201)
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/=]+")).extract().jsonPath();
        return new String[] {created.getString("webhook.id"), created.getString("secret")};
    }

    @Test
    void aReceiverFailingThreeTimesGetsTheEventOnceOnTheFourthAttemptSigned() throws Exception {
        String[] webhook = subscribe("post.published");
        failuresLeft.set(3);
        String slug = "hooked-" + Api.unique();
        String postId = Posts.createPublished("Hooked", Map.of("slug", slug)).getString("id");

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 4);
        Thread.sleep(1500); // no fifth attempt follows a success
        assertEquals(4, received.size());
        assertEquals(1, received.stream().map(Received::id).distinct().count(), "one webhook-id across retries");
        Received last = received.get(3);
        assertEquals(expectedSignature(webhook[1], last), last.signature());
        JsonPath body = JsonPath.from(last.body());
        assertEquals("post.published", body.getString("type"));
        assertEquals(slug, body.getString("data.slug"));
        assertEquals(postId, body.getString("data.id"));
        assertEquals(List.of("post-" + postId, "posts", "tags", "categories", "authors"), body.getList("surrogateKeys"),
                "the keys a CDN purges: the ones on the Content API's answers");

        admin().get("/api/admin/webhooks/" + webhook[0] + "/deliveries").then().statusCode(200)
                .body("items[0].status", equalTo("delivered"))
                .body("items[0].attempts", equalTo(4))
                .body("items[0].lastStatus", equalTo(204))
                .body("items[0].id", equalTo(last.id()));
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void tagAndAuthorEventsCarryTheirPublicViewAndDeletionsTheLastSlug() throws Exception {
        String[] webhook = subscribe("tag.updated", "tag.deleted", "author.created");
        String tag = "Hooked tag " + Api.unique();
        String tagId = admin().body(Map.of("name", tag)).post("/api/admin/tags").then().statusCode(201)
                .extract().path("id");
        String tagSlug = admin().get("/api/admin/tags/" + tagId).then().extract().path("slug");
        Posts.createPublished("Tagged " + Api.unique(), Map.of("tags", List.of(tag)));
        admin().body(Map.of("description", "Now described."))
                .patch("/api/admin/tags/" + tagId).then().statusCode(200);
        admin().delete("/api/admin/tags/" + tagId).then().statusCode(204);
        String author = "Hooked Author " + Api.unique();
        admin().body(Map.of("name", author, "bio", "Writes hooks.")).post("/api/admin/authors").then().statusCode(201);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> received.size() >= 3);
        Map<String, JsonPath> byType = new java.util.HashMap<>();
        received.forEach(r -> byType.put(JsonPath.from(r.body()).getString("type"), JsonPath.from(r.body())));
        JsonPath updated = byType.get("tag.updated");
        assertEquals(tagId, updated.getString("data.id"));
        assertEquals(tagSlug, updated.getString("data.slug"));
        assertEquals("Now described.", updated.getString("data.description"));
        assertEquals(1, updated.getInt("data.postCount"), "as the Content API counts it");
        JsonPath deleted = byType.get("tag.deleted");
        assertEquals(tagSlug, deleted.getString("data.slug"));
        JsonPath created = byType.get("author.created");
        assertEquals(author, created.getString("data.name"));
        assertEquals("Writes hooks.", created.getString("data.bio"));
        assertEquals(0, created.getInt("data.postCount"));
        assertEquals(List.of("term-" + tagId, "tags"), updated.getList("surrogateKeys"));
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void anImagesNewAltTextIsAPostUpdatedForEachLivePostShowingIt() {
        String[] webhook = subscribe("post.updated");
        String s = Api.unique();
        String imageId = admin().contentType("image/png").body(io.inkwell.support.Images.halfTransparentPng(30, 20,
                new java.awt.Color(s.hashCode() & 0xFFFFFF))).post("/api/admin/images?filename=hook-" + s + ".png")
                .then().statusCode(201).extract().path("id");
        String shows = Posts.createPublished("Shows the alt " + s, Map.of("featureImage", Map.of("imageId", imageId)))
                .getString("id");
        String own = Posts.createPublished("Own alt " + s, Map.of("featureImage", Map.of("imageId", imageId, "alt", "Own")))
                .getString("id");
        String marker = Posts.createPublished("Marker " + s, Map.of()).getString("id");

        admin().body(Map.of("alt", "Hooked alt " + s)).patch("/api/admin/images/" + imageId).then().statusCode(200);
        Posts.publish(marker); // republished: a post.updated after the alt's

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> eventsFor(shows).size() == 1 && eventsFor(marker).size() == 1);
        JsonPath event = eventsFor(shows).get(0);
        assertEquals("post.updated", event.getString("type"));
        assertEquals("Hooked alt " + s, event.getString("data.featureImage.alt"));
        assertEquals(List.of("post-" + shows, "posts", "tags", "categories", "authors"), event.getList("surrogateKeys"));
        assertEquals(List.of(), eventsFor(own), "its answer did not change");
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    private List<JsonPath> eventsFor(String postId) {
        return received.stream().map(r -> JsonPath.from(r.body())).filter(body -> postId.equals(body.getString("data.id")))
                .toList();
    }

    @Test
    void anUnpublishedPostIsNamedByTheSlugReadersSaw() {
        String[] webhook = subscribe("post.unpublished");
        String slug = "seen-" + Api.unique();
        String id = Posts.createPublished("Seen", Map.of("slug", slug)).getString("id");
        admin().body(Map.of("slug", slug + "-draft")).patch("/api/admin/posts/" + id).then().statusCode(200);

        admin().body("{}").post("/api/admin/posts/" + id + "/unpublish").then().statusCode(200);

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !received.isEmpty());
        JsonPath body = JsonPath.from(received.get(0).body());
        assertEquals("post.unpublished", body.getString("type"));
        assertEquals(slug, body.getString("data.slug"), "the live slug, not the unpublished edit's");
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void aRolledBackWriteProducesNoEvent() throws Exception {
        String[] webhook = subscribe("post.published");
        // A write that published a post, then failed: its transaction rolls back.
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () ->
                QuarkusTransaction.requiringNew().run(() -> {
                    lifecycle.create(new PostContent(null, null, "Never " + Api.unique(), "Gone.", null, null, List.of(),
                            List.of(), List.of(), null, null, null), PostStatus.PUBLISHED, null);
                    throw new IllegalStateException("failed after publishing");
                }));
        Thread.sleep(2500);
        assertEquals(0, received.size());
        admin().get("/api/admin/webhooks/" + webhook[0] + "/deliveries").then().body("pagination.total", equalTo(0));
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void aScheduledPostAnnouncesItselfWhenItGoesLive() {
        String[] webhook = subscribe("post.scheduled", "post.published");
        Map<String, Object> post = Posts.draft("Later " + Api.unique());
        post.put("status", "scheduled");
        post.put("publishedAt", OffsetDateTime.now(ZoneOffset.UTC).plusHours(1).toString());
        Posts.create(post);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertEquals("post.scheduled", JsonPath.from(received.get(0).body()).getString("type"));

        clock.advance(Duration.ofHours(2));

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertEquals("post.published", JsonPath.from(received.get(1).body()).getString("type"));
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void aTestEventAndARedeliveryReachTheReceiver() throws Exception {
        String[] webhook = subscribe("*");
        String deliveryId = admin().post("/api/admin/webhooks/" + webhook[0] + "/test").then().statusCode(202)
                .body("eventType", equalTo("webhook.test")).extract().path("id");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        admin().post("/api/admin/webhooks/" + webhook[0] + "/deliveries/" + deliveryId + "/redeliver")
                .then().statusCode(202).body("status", equalTo("pending"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        assertEquals(deliveryId, received.get(1).id());

        String rotated = admin().post("/api/admin/webhooks/" + webhook[0] + "/rotate-secret").then().statusCode(200)
                .extract().path("secret");
        admin().post("/api/admin/webhooks/" + webhook[0] + "/test").then().statusCode(202);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 3);
        assertEquals(expectedSignature(rotated, received.get(2)), received.get(2).signature());
        admin().delete("/api/admin/webhooks/" + webhook[0]).then().statusCode(204);
    }

    @Test
    void badWebhooksAreRefusedNamingEveryField() {
        adminWithBadInput().contentType("application/json")
                .body(Map.of("url", "ftp://example.com/x", "events", List.of("post.published", "post.exploded")))
                .post("/api/admin/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("events[1]", "url")));
        adminWithBadInput().contentType("application/json").body(Map.of("url", url(), "events", List.of()))
                .post("/api/admin/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("events")));
        // Wrong types: every one named, as on PATCH.
        adminWithBadInput().contentType("application/json").body("{\"url\":5,\"events\":\"x\",\"description\":5}")
                .post("/api/admin/webhooks").then().statusCode(400)
                .body("errors.field", equalTo(List.of("description", "events", "url")));
    }

    /** The Standard Webhooks algorithm, written here from the specification. */
    private static String expectedSignature(String secret, Received request) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String signed = request.id() + "." + request.timestamp() + "." + request.body();
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
