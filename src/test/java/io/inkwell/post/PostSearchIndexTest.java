package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search language: checked at start, and a new one re-indexes what is live. */
@QuarkusTest
class PostSearchIndexTest {

    @Inject
    PostSearchIndex index;

    @Test
    void anUnknownLanguageIsRefusedNamingTheSettingAndTheKnownOnes() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> index.requireKnown("klingon"));
        assertTrue(refused.getMessage().contains("INKWELL_SEARCH_LANGUAGE=klingon"), refused.getMessage());
        assertTrue(refused.getMessage().contains("english") && refused.getMessage().contains("simple"), refused.getMessage());
    }

    @Test
    void anotherLanguageReindexesWhatIsLive() {
        String word = "zq" + Api.unique().replaceAll("[^a-d]", "b");
        String slug = Posts.createPublished("Running " + word, Map.of("markdown", "Body.")).getString("slug");
        // English stems "running" to "run"; "simple" keeps words as they are. (The last word is a
        // prefix, which would find "running" either way.)
        search("run " + word).body("items.slug", equalTo(List.of(slug)));
        try {
            assertTrue(index.reindex("simple") > 0);
            search("run " + word).body("items", empty());
        } finally {
            index.reindex(index.language());
        }
        search("run " + word).body("items.slug", equalTo(List.of(slug)));
    }

    private static io.restassured.response.ValidatableResponse search(String q) {
        return content().queryParam("q", q).get("/api/content/search").then().statusCode(200);
    }
}
