package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx problem+json naming the field, and changes nothing. */
@QuarkusTest
class BadInputTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void malformedJsonIs400() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"unfinished")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"))
                .body("errors[0].message", containsString("Malformed JSON"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void wrongTypesAre400NamingTheField() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Typed\", \"tags\": \"not-a-list\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("tags"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Typed\", \"publishedAt\": \"yesterday\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItem("publishedAt"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Typed\", \"colour\": \"red\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("colour"))
                .body("errors[0].message", equalTo("Unknown field."));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void missingTitleAndBadSlugAre422NamingEveryField() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("markdown", "no title", "excerpt", "x".repeat(6000)))
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItems("title", "excerpt"));
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("title", "Spaces", "slug", "has spaces in it"))
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("slug"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void numbersWhereTextIsExpectedAndNulCharactersAre400() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": 5}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"a\\u0000b\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", containsString("NUL"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Enum index\", \"status\": 1}")
                .post("/api/admin/posts").then().statusCode(400).body("errors[0].field", equalTo("status"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/posts/bad%00slug").then().statusCode(400)
                .contentType(PROBLEM);
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/posts?tag=%00").then().statusCode(400);
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void featureImageMustBeAWebAddress() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON)
                .body(Map.of("title", "Sneaky", "featureImage", Map.of("url", "javascript:alert(1)")))
                .post("/api/admin/posts").then().statusCode(422).body("errors[0].field", equalTo("featureImage.url"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void unknownStatusIs400() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("title", "Status", "status", "archived"))
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"))
                .body("errors[0].message", containsString("draft, scheduled, published"));
        adminWithBadInput().get("/api/admin/posts?status=archived").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("status"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void outOfRangePagingIs400() {
        adminWithBadInput().get("/api/admin/posts?limit=1000").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("limit"));
        adminWithBadInput().get("/api/content/posts?page=0&limit=abc").then().statusCode(400).contentType(PROBLEM)
                .body("errors.field", hasItems("page", "limit"));
        adminWithBadInput().get("/api/admin/posts?sort=colour").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("sort"));
        adminWithBadInput().get("/api/admin/posts?page=2147483647&limit=100").then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
        admin().get("/api/admin/posts?page=21474836&limit=100").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void tenMegabyteBodyIs413() {
        long before = Posts.adminTotal();
        String huge = "{\"title\": \"Huge\", \"markdown\": \"" + "a".repeat(10 * 1024 * 1024) + "\"}";
        adminWithBadInput().contentType(ContentType.JSON).body(huge).post("/api/admin/posts").then()
                .statusCode(413).contentType(PROBLEM);
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void unknownIdIs404() {
        String id = UUID.randomUUID().toString();
        adminWithBadInput().get("/api/admin/posts/" + id).then().statusCode(404).contentType(PROBLEM);
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("title", "x"))
                .patch("/api/admin/posts/" + id).then().statusCode(404).contentType(PROBLEM);
        adminWithBadInput().delete("/api/admin/posts/" + id).then().statusCode(404).contentType(PROBLEM);
        adminWithBadInput().post("/api/admin/posts/" + id + "/publish").then().statusCode(404).contentType(PROBLEM);
        adminWithBadInput().get("/api/admin/posts/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void actionsRefuseBadBodiesStaleVersionsAndUnknownIds() {
        String id = Posts.create(Posts.draft("Actions " + unique())).getString("id");
        String before = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"publishAt\": \"tomorrow\"}")
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(400).contentType(PROBLEM);
        adminWithBadInput().contentType(ContentType.JSON).body("{\"colour\": 1}")
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(400).contentType(PROBLEM);
        for (String action : java.util.List.of("publish", "unpublish", "discard-changes")) {
            adminWithBadInput().header("If-Match", "\"999\"").post("/api/admin/posts/" + id + "/" + action).then()
                    .statusCode(412).contentType(PROBLEM);
            adminWithBadInput().post("/api/admin/posts/" + UUID.randomUUID() + "/" + action).then()
                    .statusCode(404).contentType(PROBLEM);
        }
        adminWithBadInput().contentType(ContentType.JSON).body("{\"at\": \"2999-01-01T00:00:00Z\"}")
                .post("/api/admin/posts/" + id + "/unpublish").then().statusCode(409).contentType(PROBLEM);
        assertEquals(before, admin().get("/api/admin/posts/" + id).asString());
    }

    @Test
    void invalidPatchChangesNothing() {
        String id = Posts.create(Posts.draft("Stable " + unique())).getString("id");
        String before = admin().get("/api/admin/posts/" + id).asString();

        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": null}")
                .patch("/api/admin/posts/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"markdown\": \"ok\", \"tags\": [\"ok\", \"!!!\"]}")
                .patch("/api/admin/posts/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("tags[1]"));
        assertEquals(before, admin().get("/api/admin/posts/" + id).asString());
    }

    @Test
    void wrongContentTypeIs415() {
        adminWithBadInput().contentType(ContentType.TEXT).body("title=x").post("/api/admin/posts").then()
                .statusCode(415).contentType(PROBLEM);
    }

    @Test
    void futurePublishedAtWithStatusPublishedIs422() {
        long before = Posts.adminTotal();
        long authors = admin().get("/api/admin/authors?limit=1").jsonPath().getLong("pagination.total");
        long tags = admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total");
        adminWithBadInput().contentType(ContentType.JSON)
                .body(Map.of("title", "Future", "status", "published", "publishedAt", "2999-01-01T00:00:00Z",
                        "authors", java.util.List.of("Brand New " + unique()), "tags", java.util.List.of("new-" + unique())))
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("publishedAt"));
        // The author and tag it named were created on the way; the refusal takes them back too.
        assertEquals(authors, admin().get("/api/admin/authors?limit=1").jsonPath().getLong("pagination.total"));
        assertEquals(tags, admin().get("/api/admin/tags?limit=1").jsonPath().getLong("pagination.total"));
        adminWithBadInput().contentType(ContentType.JSON)
                .body(Map.of("title", "Past schedule", "status", "scheduled", "publishedAt", "2001-01-01T00:00:00Z"))
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("publishedAt"));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void protocolRelativeFeatureImageUrlsAre422() {
        long before = Posts.adminTotal();
        for (String url : List.of("//evil.example/x.png", "/\\evil.example/x.png", "https:///x.png")) {
            adminWithBadInput().contentType(ContentType.JSON)
                    .body(Map.of("title", "Elsewhere", "featureImage", Map.of("url", url)))
                    .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("featureImage.url"));
        }
        assertEquals(before, Posts.adminTotal());
        Posts.create(Map.of("title", "Site path " + unique(), "featureImage", Map.of("url", "/images/cover.png")));
        Posts.create(Map.of("title", "Elsewhere " + unique(), "featureImage", Map.of("url", "https://cdn.example/cover.png")));
    }
}
