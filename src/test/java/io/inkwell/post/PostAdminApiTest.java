package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostAdminApiTest {

    @Test
    void createAnswers201WithLocationEtagAndDerivedFields() {
        String title = "First steps " + unique();
        Map<String, Object> body = Posts.draft(title);
        body.put("markdown", "Intro paragraph with *words*.\n\n<!--more-->\n\nThe rest of the story goes here.");
        Response response = admin().body(body).post("/api/admin/posts");

        response.then().statusCode(201)
                .header("Location", matchesPattern(".*/api/admin/posts/[0-9a-f-]{36}$"))
                .header("ETag", matchesPattern("\"\\d+\""))
                .body("status", equalTo("draft"))
                .body("type", equalTo("post"))
                .body("excerpt", equalTo("Intro paragraph with words."))
                .body("wordCount", equalTo(11))
                .body("readingTimeMinutes", equalTo(1))
                .body("hasUnpublishedChanges", equalTo(false))
                .body("publishedAt", nullValue());
        String location = response.header("Location");
        admin().get(location).then().statusCode(200).body("title", equalTo(title))
                .header("ETag", equalTo(response.header("ETag")));
    }

    @Test
    void aPatchThatChangesNothingLeavesThePostAsItWas() {
        String title = "Unchanged " + unique();
        Map<String, Object> body = Posts.draft(title);
        body.put("tags", List.of("Unchanged " + unique(), "Also unchanged " + unique()));
        body.put("meta", Map.of("price", 9.90));
        String id = Posts.create(body).getString("id");
        Response before = admin().get("/api/admin/posts/" + id);

        body.put("slug", before.path("slug"));
        admin().body(body).patch("/api/admin/posts/" + id).then().statusCode(200)
                .header("ETag", equalTo(before.header("ETag")))
                .body("updatedAt", equalTo(before.path("updatedAt")));
        assertEquals(before.asString(), admin().get("/api/admin/posts/" + id).asString());

        // The same once stored: the title stripped, the slug in lower case, no excerpt, names in another case.
        Map<String, Object> sameOnceStored = new java.util.HashMap<>(body);
        sameOnceStored.put("title", "  " + title + " ");
        sameOnceStored.put("slug", before.path("slug").toString().toUpperCase());
        sameOnceStored.put("excerpt", "");
        sameOnceStored.put("tags", before.jsonPath().getList("tags.name", String.class).stream().map(String::toUpperCase).toList());
        admin().body(sameOnceStored).patch("/api/admin/posts/" + id).then().statusCode(200)
                .header("ETag", equalTo(before.header("ETag")));

        admin().body(Map.of("title", title + " changed")).patch("/api/admin/posts/" + id).then().statusCode(200)
                .header("ETag", not(equalTo(before.header("ETag"))));
    }

    @Test
    void slugsAreTransliteratedFromTitlesAndSuffixedOnCollision() {
        String suffix = unique();
        String first = Posts.create(Posts.draft("Café Zürich " + suffix)).getString("slug");
        String second = Posts.create(Posts.draft("Cafe Zurich " + suffix)).getString("slug");
        String cyrillic = Posts.create(Posts.draft("Привет мир " + suffix)).getString("slug");

        assertEquals("cafe-zurich-" + suffix, first);
        assertEquals("cafe-zurich-" + suffix + "-2", second);
        assertEquals("privet-mir-" + suffix, cyrillic);
    }

    @Test
    void explicitSlugThatCollidesIs409AndWritesNothing() {
        String slug = "taken-" + unique();
        Map<String, Object> body = Posts.draft("One");
        body.put("slug", slug);
        Posts.create(body);
        long before = Posts.adminTotal();

        Map<String, Object> clash = Posts.draft("Two");
        clash.put("slug", slug.toUpperCase());
        admin().body(clash).post("/api/admin/posts").then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("slug"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void pageMayReuseTheSlugOfAPost() {
        String slug = "about-" + unique();
        Map<String, Object> post = Posts.draft("About post");
        post.put("slug", slug);
        Posts.create(post);
        Map<String, Object> page = Posts.draft("About page");
        page.put("slug", slug);
        page.put("type", "page");

        admin().body(page).post("/api/admin/posts").then().statusCode(201).body("slug", equalTo(slug));
    }

    @Test
    void tagsCategoriesAndAuthorsAreCreatedByNameAndCaseInsensitive() {
        String tag = "Python" + unique();
        Map<String, Object> body = Posts.draft("Tagged");
        body.put("tags", List.of(tag, tag.toLowerCase(), "Zeta " + tag));
        body.put("categories", List.of("News " + tag));
        body.put("authors", List.of("Ada Lovelace " + tag));
        JsonPath post = Posts.create(body);

        assertEquals(List.of(tag, "Zeta " + tag), post.getList("tags.name"));
        assertEquals(tag.toLowerCase(), post.getString("tags[0].slug"));
        assertEquals("News " + tag, post.getString("categories[0].name"));
        assertEquals("Ada Lovelace " + tag, post.getString("authors[0].name"));

        Map<String, Object> again = Posts.draft("Tagged again");
        again.put("tags", List.of(tag.toUpperCase()));
        JsonPath second = Posts.create(again);
        assertEquals(post.getString("tags[0].id"), second.getString("tags[0].id"));
    }

    @Test
    void metaIsKeptExactlyAsGiven() {
        Map<String, Object> body = Posts.draft("With meta");
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("weight", 10);
        meta.put("aliases", List.of("/old/path/"));
        meta.put("params", Map.of("toc", true));
        body.put("meta", meta);
        String json = admin().body(body).post("/api/admin/posts").then().statusCode(201).extract().asString();

        assertTrue(json.contains("\"meta\":{\"weight\":10,\"aliases\":[\"/old/path/\"],\"params\":{\"toc\":true}}"), json);
    }

    /** Numbers too: read as doubles, 1e400 became the string "Infinity" and 1E+2 became 100.0. */
    @Test
    void metaNumbersComeBackAsWritten() {
        String meta = "{\"big\":1E+400,\"e\":1E+2,\"frac\":0.1000000000000000000001,\"price\":1.50,\"n\":12345678901234567890123}";
        String slug = "numbers-" + unique();
        String body = "{\"title\":\"Numbers\",\"slug\":\"" + slug + "\",\"status\":\"published\",\"meta\":" + meta + "}";
        String json = admin().body(body).post("/api/admin/posts").then().statusCode(201).extract().asString();
        assertTrue(json.contains("\"meta\":" + meta), json);
        // The Content API's stored JSON was read back as doubles: "Infinity", 100.0, 1.5.
        String live = io.inkwell.support.Api.content().get("/api/content/posts/" + slug).then().statusCode(200)
                .extract().asString();
        assertTrue(live.contains("\"meta\":" + meta), live);
    }

    @Test
    void patchChangesOnlyWhatIsSentAndNullClearsOptionalFields() {
        Map<String, Object> body = Posts.draft("Patch me");
        body.put("excerpt", "Custom excerpt");
        body.put("tags", List.of("keep-" + unique()));
        body.put("featureImage", Map.of("url", "https://example.com/a.jpg", "alt", "A"));
        JsonPath created = Posts.create(body);
        String id = created.getString("id");

        java.util.Map<String, Object> patch = new java.util.HashMap<>();
        patch.put("markdown", "New body with `code`.");
        patch.put("excerpt", null);
        patch.put("featureImage", null);
        admin().body(patch).patch("/api/admin/posts/" + id).then().statusCode(200)
                .body("title", equalTo("Patch me"))
                .body("tags.name", equalTo(created.getList("tags.name")))
                .body("customExcerpt", nullValue())
                .body("excerpt", equalTo("New body with code."))
                .body("featureImage", nullValue())
                .body("html", containsString("<code>code</code>"))
                .body("version", equalTo(created.getInt("version") + 1));
    }

    @Test
    void listFiltersSortsAndPaginates() {
        String tag = "filter-" + unique();
        String author = "Filter Author " + unique();
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = Posts.draft("Filtered " + i + " " + tag);
            body.put("tags", List.of(tag));
            body.put("authors", List.of(author));
            if (i == 0) {
                body.put("status", "published");
            }
            Posts.create(body);
        }

        admin().get("/api/admin/posts?tag=" + tag + "&limit=2&sort=title").then().statusCode(200)
                .body("items.size()", equalTo(2))
                .body("items[0].title", containsString("Filtered 0"))
                .body("pagination.total", equalTo(3))
                .body("pagination.pages", equalTo(2))
                .body("pagination.limit", equalTo(2));
        admin().get("/api/admin/posts?tag=" + tag + "&status=published").then().statusCode(200)
                .body("pagination.total", equalTo(1))
                .body("items.status", everyItem(equalTo("published")));
        String authorSlug = io.inkwell.common.slug.Slugs.fromText(author);
        admin().get("/api/admin/posts?author=" + authorSlug + "&type=post&sort=-title").then().statusCode(200)
                .body("pagination.total", equalTo(3))
                .body("items[0].title", containsString("Filtered 2"));
    }

    @Test
    void deleteRemovesThePost() {
        String id = Posts.create(Posts.draft("Delete me")).getString("id");
        admin().delete("/api/admin/posts/" + id).then().statusCode(204);
        admin().get("/api/admin/posts/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void createdPostHasTimestampsInUtcAndUpdatedAtMovesOnEdit() {
        JsonPath post = Posts.create(Posts.draft("Times"));
        assertTrue(post.getString("createdAt").endsWith("Z"), post.getString("createdAt"));
        assertEquals(post.getString("createdAt"), post.getString("updatedAt"), "a new post was updated when created");
        String edited = admin().body(Map.of("title", "Times edited")).patch("/api/admin/posts/" + post.getString("id"))
                .then().statusCode(200).extract().path("updatedAt");
        assertTrue(java.time.Instant.parse(edited).isAfter(java.time.Instant.parse(post.getString("createdAt"))), edited);
        assertEquals(post.getString("createdAt"), admin().get("/api/admin/posts/" + post.getString("id"))
                .jsonPath().getString("createdAt"), "createdAt reads back the same, to the microsecond");
    }
}
