package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The search language: checked at start, and a new one re-indexes what is live. */
@QuarkusTest
class PostSearchIndexTest {

    @Inject
    PostSearchIndex index;

    @Inject
    DataSource dataSource;

    @Test
    void anUnknownLanguageIsRefusedNamingTheSettingAndTheKnownOnes() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> index.requireKnown("klingon"));
        assertTrue(refused.getMessage().contains("INKWELL_SEARCH_LANGUAGE=klingon"), refused.getMessage());
        assertTrue(refused.getMessage().contains("english") && refused.getMessage().contains("simple"), refused.getMessage());
    }

    @Test
    void anotherLanguageReindexesWhatIsLive() throws SQLException {
        String word = "zq" + Api.unique().replaceAll("[^a-d]", "b");
        String slug = Posts.createPublished("Running " + word, Map.of("markdown", "Running far.")).getString("slug");
        // English stems "running" to "run"; "simple" keeps words as they are. (The last word is a
        // prefix, which would find "running" either way.)
        search("run " + word).body("items.slug", equalTo(List.of(slug)));
        assertFalse(passageHoldsWord(slug, "running"));
        try {
            assertTrue(index.reindex("simple") > 0);
            search("run " + word).body("items", empty());
            // The snippets' passages are cut again in the new language too.
            assertTrue(passageHoldsWord(slug, "running"));
        } finally {
            index.reindex(index.language());
        }
        search("run " + word).body("items.slug", equalTo(List.of(slug)))
                .body("items[0].snippet", equalTo("<mark>Running</mark> far."));
        assertFalse(passageHoldsWord(slug, "running"));
    }

    /**
     * Whether the post's first passage holds the word as it is written, as "simple" reads it.
     * Read from the table: while the stored text is in another language than the server's,
     * no search reaches the post to show its snippet (the query is read in the server's).
     */
    private boolean passageHoldsWord(String slug, String word) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        select p.words @@ to_tsquery('simple', ?) from live_post_passage p
                        join live_post lp on lp.post_id = p.post_id where lp.slug = ? and p.ordinal = 1""")) {
            statement.setString(1, word);
            statement.setString(2, slug);
            try (ResultSet row = statement.executeQuery()) {
                assertTrue(row.next(), "no passage for " + slug);
                return row.getBoolean(1);
            }
        }
    }

    private static io.restassured.response.ValidatableResponse search(String q) {
        return content().queryParam("q", q).get("/api/content/search").then().statusCode(200);
    }
}
