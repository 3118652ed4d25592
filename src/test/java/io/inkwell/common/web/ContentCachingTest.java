package io.inkwell.common.web;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.LockWaits;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What CDNs and the instance's own cache see: surrogate keys naming what an answer shows, a
 * Cache-Control per route family, and a write that makes stale only the answers it touched.
 */
@QuarkusTest
class ContentCachingTest {

    private static final String DEFAULT_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

    @Inject
    DataSource dataSource;

    @Inject
    ContentCache cache;

    @Test
    void withoutASettingTheCacheMayHoldAQuarterOfTheHeap() {
        // A server given a bigger heap for a bigger blog caches more of it (README, Configuration).
        assertEquals(Runtime.getRuntime().maxMemory() / 4, cache.maximumBytes());
    }

    @Test
    void aPostNamesItselfItsTermsAndItsAuthorsAsSurrogateKeys() {
        String tag = "Keyed " + Api.unique();
        String author = "Key Author " + Api.unique();
        JsonPath post = Posts.createPublished("Keyed post " + Api.unique(),
                Map.of("tags", List.of(tag), "categories", List.of("Keyed category " + Api.unique()),
                        "authors", List.of(author)));
        String tagId = post.getString("tags[0].id");
        String authorId = post.getString("authors[0].id");

        Response answer = content().get("/api/content/posts/" + post.getString("slug"));
        answer.then().statusCode(200).header("Cache-Control", DEFAULT_CACHE_CONTROL);
        Set<String> keys = Set.of(answer.header("Surrogate-Key").split(" "));
        assertTrue(keys.contains("post-" + post.getString("id")), keys.toString());
        assertTrue(keys.contains("term-" + tagId), keys.toString());
        assertTrue(keys.contains("author-" + authorId), keys.toString());
        assertEquals(4, keys.size(), "the post, its tag, category and author: " + keys);
        assertEquals(Set.of(answer.header("Cache-Tag").split(",")), keys, "Cache-Tag names the same keys");

        content().get("/api/content/posts").then().statusCode(200)
                .header("Surrogate-Key", "posts").header("Cache-Control", DEFAULT_CACHE_CONTROL);
        content().get("/api/content/tags").then().statusCode(200).header("Surrogate-Key", "tags");
        content().get("/api/content/authors/" + post.getString("authors[0].slug")).then().statusCode(200)
                .header("Surrogate-Key", "author-" + authorId + " authors");
        content().get("/api/content/posts/" + post.getString("slug"))
                .then().header("X-Cache", "HIT");
    }

    @Test
    void publishingOnePostLeavesAnotherPostsCachedAnswerAlone() {
        String slug = Posts.createPublished("Left alone " + Api.unique(), Map.of()).getString("slug");
        content().get("/api/content/posts/" + slug).then().statusCode(200);
        content().get("/api/content/posts").then().statusCode(200);
        content().get("/api/content/posts/" + slug).then().header("X-Cache", "HIT");

        Posts.createPublished("Newcomer " + Api.unique(), Map.of());

        content().get("/api/content/posts/" + slug).then().header("X-Cache", "HIT");
        content().get("/api/content/posts").then().header("X-Cache", "MISS");
    }

    /**
     * Most questions typed into a search box are asked once: an answer is kept from its second
     * ask (and the same question in other case is the same one). Other reads are kept from
     * their first.
     */
    @Test
    void aSearchAnswerIsKeptFromItsSecondAskAPostFromItsFirst() {
        String word = "asked" + Api.unique().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String slug = Posts.createPublished("Asked " + word, Map.of()).getString("slug");

        content().get("/api/content/search?q=" + word).then().statusCode(200)
                .body("items[0].slug", equalTo(slug)).header("X-Cache", "MISS");
        content().get("/api/content/search?q=" + word.toUpperCase(Locale.ROOT)).then().statusCode(200)
                .body("items[0].slug", equalTo(slug)).header("X-Cache", "MISS");
        content().get("/api/content/search?q=" + word).then().statusCode(200)
                .body("items[0].slug", equalTo(slug)).header("X-Cache", "HIT");

        content().get("/api/content/posts/" + slug).then().statusCode(200).header("X-Cache", "MISS");
        content().get("/api/content/posts/" + slug).then().statusCode(200).header("X-Cache", "HIT");
    }

    /**
     * The database is slow to answer the one request rebuilding a post's stale answer (a lock on
     * live_post holds its query); meanwhile the others get the stale copy at once, not waiting.
     */
    @Test
    void whileOneRequestRebuildsAStaleAnswerTheOthersGetTheStaleCopyAtOnce() throws Exception {
        JsonPath post = Posts.createPublished("Rebuilt slowly " + Api.unique(), Map.of());
        URI address = URI.create("http://localhost:" + RestAssured.port + "/api/content/posts/" + post.getString("slug"));
        HttpClient client = HttpClient.newHttpClient();
        // With a timeout, a request that waited for the lock would fail the test rather than hang it.
        HttpRequest get = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(10)).build();
        assertEquals(200, client.send(get, HttpResponse.BodyHandlers.ofString()).statusCode());
        admin().body(Map.of("title", "Retitled")).patch("/api/admin/posts/" + post.getString("id")).then().statusCode(200);
        Posts.publish(post.getString("id"));

        CompletableFuture<HttpResponse<String>> rebuilding;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table live_post in access exclusive mode");
                rebuilding = client.sendAsync(HttpRequest.newBuilder(address).build(), HttpResponse.BodyHandlers.ofString());
                awaitQueryWaitingForTheLock();

                long start = System.nanoTime();
                HttpResponse<String> meanwhile = client.send(get, HttpResponse.BodyHandlers.ofString());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(200, meanwhile.statusCode());
                assertEquals(List.of("STALE"), meanwhile.headers().allValues("X-Cache"));
                assertTrue(meanwhile.body().contains(post.getString("title")), meanwhile.body());
                assertTrue(millis < 2_000, "answered in " + millis + " ms, not after the rebuild");
                assertTrue(!rebuilding.isDone(), "the rebuild still waits for the database");
            } finally {
                lock.rollback();
            }
        }
        HttpResponse<String> rebuilt = rebuilding.get(30, TimeUnit.SECONDS);
        assertEquals(200, rebuilt.statusCode());
        assertEquals(List.of("MISS"), rebuilt.headers().allValues("X-Cache"));
        assertTrue(rebuilt.body().contains("\"Retitled\""), rebuilt.body());
        content().get(address.getPath()).then().header("X-Cache", "HIT").body("title", equalTo("Retitled"));
    }

    /**
     * A question asked twice at once: the first ask's build keeps nothing, and the second ask,
     * which waits for that build rather than running the search again, keeps its answer. A
     * lock on live_post holds the first ask's query until the second waits for it.
     */
    @Test
    void aSecondAskThatWaitedForTheFirstAsksBuildKeepsItsAnswer() throws Exception {
        String word = "twice" + Api.unique().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String slug = Posts.createPublished("Asked twice at once " + word, Map.of()).getString("slug");
        URI address = URI.create("http://localhost:" + RestAssured.port + "/api/content/search?q=" + word);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest search = HttpRequest.newBuilder(address).timeout(Duration.ofSeconds(30)).build();

        CompletableFuture<HttpResponse<String>> first;
        CompletableFuture<HttpResponse<String>> second;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table live_post in access exclusive mode");
                first = client.sendAsync(search, HttpResponse.BodyHandlers.ofString());
                LockWaits.awaitStatementWaitingForALock(dataSource, "head_vector @@", "the first ask never ran its search");
                second = client.sendAsync(search, HttpResponse.BodyHandlers.ofString());
                awaitARequestWaitingForAnotherOnesBuild();
            } finally {
                lock.rollback();
            }
        }
        for (HttpResponse<String> answer : List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS))) {
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(List.of("MISS"), answer.headers().allValues("X-Cache"));
            assertTrue(answer.body().contains("\"slug\":\"" + slug + "\""), answer.body());
        }
        content().get(address.getPath() + "?" + address.getQuery()).then().statusCode(200)
                .header("X-Cache", "HIT").body("items[0].slug", equalTo(slug));
    }

    /** Until a request's thread waits in the cache for the build another request runs (this JVM runs the server). */
    private static void awaitARequestWaitingForAnotherOnesBuild() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            boolean waiting = Thread.getAllStackTraces().values().stream().anyMatch(frames -> List.of(frames).stream()
                    .anyMatch(frame -> frame.getClassName().equals(ContentCache.class.getName())
                            && frame.getMethodName().equals("await")));
            if (waiting) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second ask never waited for the first ask's build");
    }

    /** Until the rebuild's query (PublishedPosts.body) waits for the lock on live_post. */
    private void awaitQueryWaitingForTheLock() throws Exception {
        LockWaits.awaitStatementWaitingForALock(dataSource, "lp.type = $1 and lower(lp.slug) = lower($2)",
                "no request started rebuilding the answer");
    }

    @Test
    void publishingALivePostsChangesRebuildsItsAnswer() {
        JsonPath post = Posts.createPublished("Edited live " + Api.unique(), Map.of());
        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(200);

        admin().body(Map.of("title", "Edited again")).patch("/api/admin/posts/" + post.getString("id"))
                .then().statusCode(200);
        content().get("/api/content/posts/" + post.getString("slug")).then()
                .header("X-Cache", "HIT").body("title", equalTo(post.getString("title")));
        Posts.publish(post.getString("id"));

        content().get("/api/content/posts/" + post.getString("slug")).then()
                .header("X-Cache", "MISS").body("title", equalTo("Edited again"));
    }

    /** A description is no part of any post, but the tag's own answer shows it. */
    @Test
    void aTagsNewDescriptionReachesItsContentAnswer() {
        String tag = "Described " + Api.unique();
        JsonPath post = Posts.createPublished("With a described tag " + Api.unique(), Map.of("tags", List.of(tag)));
        String id = post.getString("tags[0].id");
        String slug = post.getString("tags[0].slug");
        content().get("/api/content/tags/" + slug).then().statusCode(200);

        admin().body(Map.of("description", "Now with words.")).patch("/api/admin/tags/" + id).then().statusCode(200);

        content().get("/api/content/tags/" + slug).then().statusCode(200)
                .body("description", equalTo("Now with words."))
                .header("Surrogate-Key", containsString("term-" + id));
    }
}
