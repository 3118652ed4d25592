package io.inkwell.post;

import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Post lists walked by cursor: the same posts as by page, unshifted by new posts, and bad cursors refused. */
@QuarkusTest
class KeysetPagingTest {

    @Test
    void walkingByCursorGivesWhatWalkingByPageGives() {
        for (int i = 0; i < 5; i++) {
            Posts.createPublished("Walked " + i + " " + Api.unique(), Map.of());
        }
        List<String> byPage = new ArrayList<>();
        int pages = content().get("/api/content/posts?limit=7").then().extract().path("pagination.pages");
        for (int page = 1; page <= pages; page++) {
            byPage.addAll(content().get("/api/content/posts?limit=7&page=" + page).then().statusCode(200)
                    .extract().jsonPath().getList("items.slug"));
        }

        List<String> byCursor = new ArrayList<>();
        JsonPath answer = content().get("/api/content/posts?limit=7").then().statusCode(200).extract().jsonPath();
        byCursor.addAll(answer.getList("items.slug"));
        while (answer.getString("nextCursor") != null) {
            answer = content().queryParam("cursor", answer.getString("nextCursor")).get("/api/content/posts?limit=7")
                    .then().statusCode(200).body("pagination.page", nullValue()).extract().jsonPath();
            byCursor.addAll(answer.getList("items.slug"));
        }

        assertEquals(byPage, byCursor);
        assertEquals(byCursor.size(), new HashSet<>(byCursor).size(), "no post twice");
        assertEquals(answer.getInt("pagination.total"), byCursor.size());
    }

    @Test
    void aPostPublishedMeanwhileDoesNotShiftTheNextPage() {
        String tag = "Keyset " + Api.unique();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            slugs.add(0, Posts.createPublished("Shift " + i + " " + Api.unique(), Map.of("tags", List.of(tag))).getString("slug"));
        }
        String tagSlug = content().get("/api/content/posts/" + slugs.get(0)).then().extract().path("tags[0].slug");
        JsonPath first = content().get("/api/content/posts?limit=2&tag=" + tagSlug).then().statusCode(200)
                .body("items.slug", contains(slugs.get(0), slugs.get(1))).extract().jsonPath();

        Posts.createPublished("Newer " + Api.unique(), Map.of("tags", List.of(tag)));

        content().queryParam("cursor", first.getString("nextCursor")).get("/api/content/posts?limit=2&tag=" + tagSlug)
                .then().statusCode(200).body("items.slug", contains(slugs.get(2), slugs.get(3)))
                .body("pagination.total", equalTo(6));
        // By page number, the new post pushes the third one back onto page 2.
        List<String> pageTwo = content().get("/api/content/posts?limit=2&page=2&tag=" + tagSlug).then()
                .extract().jsonPath().getList("items.slug");
        assertEquals(List.of(slugs.get(1), slugs.get(2)), pageTwo);
    }

    /** Page numbers start from the list's positions: one past the last is empty, with the total. */
    /** Every filter at once narrows the list to the posts that have all three, by page and by cursor alike. */
    @Test
    void tagCategoryAndAuthorTogetherPageLikeTheFullList() {
        String suffix = Api.unique();
        String tag = "all-tag-" + suffix;
        String category = "all-cat-" + suffix;
        String author = "All Writer " + suffix;
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slugs.add(0, Posts.createPublished("All three " + i + " " + suffix, Map.of("tags", List.of(tag),
                    "categories", List.of(category), "authors", List.of(author))).getString("slug"));
        }
        Posts.createPublished("Tag and category only " + suffix, Map.of("tags", List.of(tag), "categories", List.of(category)));
        Posts.createPublished("Tag and author only " + suffix, Map.of("tags", List.of(tag), "authors", List.of(author)));
        String filters = "&tag=" + tag + "&category=" + category + "&author=" + io.inkwell.common.slug.Slugs.fromText(author);

        JsonPath first = content().get("/api/content/posts?limit=2" + filters).then().statusCode(200)
                .body("pagination.total", equalTo(3)).extract().jsonPath();
        assertEquals(slugs.subList(0, 2), first.getList("items.slug"));
        content().get("/api/content/posts?limit=2&page=2" + filters).then().statusCode(200)
                .body("items.slug", contains(slugs.get(2)));
        content().queryParam("cursor", first.getString("nextCursor")).get("/api/content/posts?limit=2" + filters)
                .then().statusCode(200).body("items.slug", contains(slugs.get(2))).body("nextCursor", nullValue());
    }

    @Test
    void aPagePastTheLastIsEmptyAndKeepsTheTotal() {
        String tag = "Past " + Api.unique();
        String slug = Posts.createPublished("Past the end " + Api.unique(), Map.of("tags", List.of(tag))).getString("slug");
        String tagSlug = content().get("/api/content/posts/" + slug).then().extract().path("tags[0].slug");
        content().get("/api/content/posts?limit=1&page=2&tag=" + tagSlug).then().statusCode(200)
                .body("items", empty()).body("pagination.total", equalTo(1))
                .body("nextCursor", nullValue());
        content().get("/api/content/posts?limit=1&page=1&tag=" + tagSlug).then().statusCode(200)
                .body("items.slug", contains(slug)).body("pagination.total", equalTo(1));
    }

    @Test
    void aCursorNotGivenOutOrBesideAPageIsRefusedByName() {
        content().queryParam("cursor", "bm90LWEtY3Vyc29y").get("/api/content/posts").then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("cursor"));
        content().queryParam("cursor", "%%%").get("/api/content/pages").then().statusCode(400)
                .body("errors.field", contains("cursor"));
        String cursor = content().get("/api/content/posts?limit=1").then().extract().path("nextCursor");
        assertFalse(cursor == null, "the test data has more than one post");
        content().queryParam("cursor", cursor).get("/api/content/posts?page=2").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("page", "cursor"));
    }
}
