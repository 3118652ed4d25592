package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.LockWaits;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Searches that miss the cache run a few at a time (INKWELL_SEARCH_MAX_CONCURRENT, one here);
 * the next waits its turn, and gets a 503 to retry when the turn does not come in
 * INKWELL_SEARCH_SLOT_WAIT, or the stale copy of its answer when one was kept.
 */
@QuarkusTest
@TestProfile(SearchSlotsTest.OneSearchAtATime.class)
class SearchSlotsTest {

    public static class OneSearchAtATime implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inkwell.search.max-concurrent", "1", "inkwell.search.slot-wait", "500ms");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aSearchWaitsForTheOneRunningAndGets503WhenItTakesTooLong() throws Exception {
        String word = "slot" + Api.unique().replaceAll("[^a-z]", "");
        String slug = Posts.createPublished("Waiting for " + word, Map.of()).getString("slug");

        HttpResponse<String> answered = whileASearchHoldsTheOnlySlot(word, () -> {
            long start = System.nanoTime();
            patientContent().queryParam("q", word + " waiting").get("/api/content/search").then()
                    .statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue())
                    .body("detail", equalTo("The server is busy with other searches; retry in a few seconds."));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 400, "gave up after " + waited + " ms, not after waiting its turn");
        });
        assertEquals(200, answered.statusCode(), answered.body());
        assertTrue(answered.body().contains(slug), answered.body());
        // The slot is free again: the search that was turned away is answered now.
        content().queryParam("q", word + " waiting").get("/api/content/search").then().statusCode(200);
    }

    /**
     * A search whose kept answer a publish made stale, asked while the one slot stays busy: the
     * stale copy after waiting its turn, not a 503 (the requests meanwhile got that copy too).
     */
    @Test
    void aStaleAnswerIsSentWhenNoSlotComesToRebuildIt() throws Exception {
        String word = "stale" + Api.unique().replaceAll("[^a-z]", "");
        String kept = Posts.createPublished("Kept " + word, Map.of()).getString("slug");
        content().queryParam("q", word).get("/api/content/search").then().statusCode(200);
        content().queryParam("q", word).get("/api/content/search").then().statusCode(200).header("X-Cache", "MISS");
        content().queryParam("q", word).get("/api/content/search").then().statusCode(200).header("X-Cache", "HIT");
        String added = Posts.createPublished("Added " + word, Map.of()).getString("slug");

        HttpResponse<String> other = whileASearchHoldsTheOnlySlot("busy" + word, () -> {
            long start = System.nanoTime();
            patientContent().queryParam("q", word).get("/api/content/search").then()
                    .statusCode(200).header("X-Cache", "STALE").body("items.slug", equalTo(List.of(kept)));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(waited >= 400, "answered after " + waited + " ms, before its turn could come");
        });
        assertEquals(200, other.statusCode(), other.body());
        // A slot is free again: the next ask rebuilds the answer, with the post published since.
        content().queryParam("q", word).get("/api/content/search").then().statusCode(200)
                .header("X-Cache", "MISS").body("items.slug", containsInAnyOrder(kept, added));
    }

    /**
     * Runs {@code meanwhile} while the database holds a search for {@code q} (a table lock): that
     * search keeps the only slot all along. Returns its answer, once the lock is let go.
     */
    private HttpResponse<String> whileASearchHoldsTheOnlySlot(String q, Meanwhile meanwhile) throws Exception {
        CompletableFuture<HttpResponse<String>> held;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("lock table live_post in access exclusive mode");
                held = HttpClient.newHttpClient().sendAsync(
                        HttpRequest.newBuilder(search(q)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                LockWaits.awaitStatementWaitingForALock(dataSource, "with query as", "the search never reached the database");
                meanwhile.run();
                assertFalse(held.isDone(), "the holding search still waits for the database");
            } finally {
                lock.rollback();
            }
        }
        return held.get(30, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    private interface Meanwhile {
        void run() throws Exception;
    }

    /** With a timeout: were a search let through while the lock is held, it would wait as long as the test. */
    private static RequestSpecification patientContent() {
        return content().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", 10_000)));
    }

    private static URI search(String q) {
        return URI.create("http://localhost:" + RestAssured.port + "/api/content/search?q=" + q);
    }
}
