package io.inkwell.common.web;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What CDNs and the instance's own cache see: surrogate keys naming what an answer shows, a
 * Cache-Control per route family, and a write that makes stale only the answers it touched.
 */
@QuarkusTest
class ContentCachingTest {

    private static final String DEFAULT_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300";

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
