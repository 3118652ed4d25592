package io.inkwell.post;

import static io.inkwell.support.Api.content;
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
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Searches that miss the cache run a few at a time (INKWELL_SEARCH_MAX_CONCURRENT, one here);
 * the next waits its turn, and gets a 503 to retry when the turn does not come in
 * INKWELL_SEARCH_SLOT_WAIT.
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
        HttpClient client = HttpClient.newHttpClient();

        CompletableFuture<HttpResponse<String>> first;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                // The database holds the first search: it keeps the only slot.
                statement.execute("lock table live_post in access exclusive mode");
                first = client.sendAsync(HttpRequest.newBuilder(search(word)).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
                LockWaits.awaitStatementWaitingForALock(dataSource, "with query as", "the search never reached the database");

                long start = System.nanoTime();
                // With a timeout: were it let through, it would wait for the lock as long as the test.
                content().config(RestAssured.config().httpClient(HttpClientConfig.httpClientConfig()
                                .setParam("http.socket.timeout", 10_000)))
                        .queryParam("q", word + " waiting").get("/api/content/search").then()
                        .statusCode(503).contentType("application/problem+json")
                        .header("Retry-After", notNullValue())
                        .body("detail", equalTo("The server is busy with other searches; retry in a few seconds."));
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(waited >= 400, "gave up after " + waited + " ms, not after waiting its turn");
                assertFalse(first.isDone(), "the first search still waits for the database");
            } finally {
                lock.rollback();
            }
        }
        HttpResponse<String> answered = first.get(30, TimeUnit.SECONDS);
        assertEquals(200, answered.statusCode(), answered.body());
        assertTrue(answered.body().contains(slug), answered.body());
        // The slot is free again: the search that was turned away is answered now.
        content().queryParam("q", word + " waiting").get("/api/content/search").then().statusCode(200);
    }

    private static URI search(String q) {
        return URI.create("http://localhost:" + RestAssured.port + "/api/content/search?q=" + q);
    }
}
