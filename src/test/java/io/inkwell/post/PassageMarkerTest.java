package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A passage is marked in the background after it is written; a search shows the same snippet
 * before (ts_headline) and after (its marks), and one server at a time marks.
 */
@QuarkusTest
class PassageMarkerTest {

    @Inject
    PassageMarker marker;

    @Inject
    DataSource dataSource;

    @Test
    void aSnippetIsTheSameBeforeAndAfterItsPassageIsMarked() throws SQLException {
        // Letters a stemmer leaves as they are, whatever comes before the q.
        String word = "zqm" + Api.unique().replaceAll("[^a-d]", "c") + "q";
        String slug = Posts.createPublished("Marks " + word, Map.of("markdown",
                "Running far, the " + word + "s run: `<b>` & co-operative " + word + "-ish.")).getString("slug");
        String expected = "<mark>Running</mark> far, the <mark>" + word + "s</mark> <mark>run</mark>: &lt;b&gt;"
                + " &amp; co-operative <mark>" + word + "</mark>-ish.";

        // Marked here, or by the scheduled run, whichever holds the lock first.
        marker.markAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> unmarkedPassages(slug) == 0);
        search("run " + word).body("items[0].snippet", equalTo(expected));

        try (Connection lock = dataSource.getConnection()) {
            markingLock(lock, "pg_advisory_lock");
            try {
                execute("update live_post_passage set marks = null where post_id = (select post_id from live_post where slug = ?)", slug);
                assertEquals(0, marker.markAll(), "another server holds the marking lock");
                assertTrue(unmarkedPassages(slug) > 0);
                // Another query (an answer may be cached): the snippet comes from ts_headline now.
                search("running " + word.substring(0, word.length() - 1)).body("items[0].snippet", equalTo(expected));
            } finally {
                markingLock(lock, "pg_advisory_unlock");
            }
        }
        marker.markAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> unmarkedPassages(slug) == 0);
        search("runs " + word.substring(0, word.length() - 2)).body("items[0].snippet", equalTo(expected));
    }

    @Test
    void passagesOfAConfigurationThatIsGoneStayToTsHeadlineAndTheMarkingEnds() throws Exception {
        String word = "zqg" + Api.unique().replaceAll("[^a-d]", "c") + "q";
        // More passages than a batch: the batches that wrote them null again never got smaller.
        String body = "Running " + word + ". " + "Filler words for a long post. ".repeat(PassageMarker.BATCH * 8);
        String slug = Posts.createPublished("Gone " + word, Map.of("markdown", body)).getString("slug");
        String configuration = "inkwell_gone_" + word;
        try {
            execute("create text search configuration " + configuration + " (copy = english)");
            // Indexed in it (the trigger cuts the passages again, unmarked), then it is dropped:
            // PostgreSQL keeps no dependency on a regconfig value.
            execute("update live_post set search_language = cast(? as regconfig) where slug = ?", configuration, slug);
            execute("drop text search configuration " + configuration);
            assertTrue(unmarkedPassages(slug) > 0);
            String versions = rowVersions(slug);
            // Before, each batch wrote null marks again and counted them: the loop never ended
            // (here or in the scheduled run, which rewrote the same rows some 100,000 times a second).
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                // A thread of its own, so a request context of its own, as the scheduler gives a job.
                ManagedContext requestContext = Arc.container().requestContext();
                requestContext.activate();
                try {
                    return marker.markAll();
                } finally {
                    requestContext.terminate();
                }
            });
            Thread.sleep(3000);
            assertEquals(versions, rowVersions(slug), "the passages were written again");
            assertTrue(unmarkedPassages(slug) > 0);
        } finally {
            execute("update live_post set search_language = 'english' where slug = ?", slug);
        }
        marker.markAll();
        await().atMost(Duration.ofSeconds(15)).until(() -> unmarkedPassages(slug) == 0);
        search("running " + word).body("items[0].snippet", startsWith("<mark>Running</mark> <mark>" + word + "</mark>. Filler"));
    }

    /** Takes or gives back the lock as another server would (a session's lock, on a pooled connection). */
    private static void markingLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, PassageMarker.MARKING_LOCK);
            statement.execute();
        }
    }

    private void execute(String sql, String... values) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.execute();
        }
    }

    /** The row versions of the post's passages: a passage written again gets a new one. */
    private String rowVersions(String slug) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select string_agg(cast(p.xmin as text) || '/' || p.ordinal, ',' order by p.ordinal)
                        from live_post_passage p join live_post lp on lp.post_id = p.post_id where lp.slug = ?""")) {
            statement.setString(1, slug);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private int unmarkedPassages(String slug) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select count(*) from live_post_passage p join live_post lp on lp.post_id = p.post_id
                        where lp.slug = ? and p.marks is null""")) {
            statement.setString(1, slug);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse search(String q) {
        return content().queryParam("q", q).get("/api/content/search").then().statusCode(200);
    }
}
