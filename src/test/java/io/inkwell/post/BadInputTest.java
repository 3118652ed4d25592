package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.adminWithoutContentType;
import static io.inkwell.support.Api.assertProblem;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets a 4xx problem+json naming the field, and changes nothing. */
@QuarkusTest
class BadInputTest {

    @Test
    void everyBadFieldIsNamedInOneAnswerAndNothingChanges() {
        String bad = "{\"title\":\"\",\"slug\":\"Bad Slug!!\",\"featureImage\":{\"url\":\"ftp://x\"}}";
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body(bad).post("/api/admin/posts").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("featureImage.url", "slug", "title")));
        assertEquals(before, Posts.adminTotal());

        String id = Posts.create(Posts.draft("Kept " + unique())).getString("id");
        String title = admin().get("/api/admin/posts/" + id).jsonPath().getString("title");
        adminWithBadInput().contentType(ContentType.JSON).body(bad).patch("/api/admin/posts/" + id).then().statusCode(422)
                .body("errors.field", equalTo(List.of("featureImage.url", "slug", "title")));
        admin().get("/api/admin/posts/" + id).then().body("title", equalTo(title)).body("featureImage", equalTo(null));
    }

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
                .contentType(PROBLEM).body("errors[0].field", equalTo("path"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/posts?tag=%00").then().statusCode(400)
                .body("errors[0].field", equalTo("query"));
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
    void patchesOfAuthorsTagsAndImagesReadTheirBodiesStrictly() {
        String author = admin().body(Map.of("name", "Strict " + unique())).post("/api/admin/authors").then()
                .statusCode(201).extract().path("id");
        String before = admin().get("/api/admin/authors/" + author).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": \"Ok\", \"nickname\": \"x\"}")
                .patch("/api/admin/authors/" + author).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("nickname")).body("errors[0].message", equalTo("Unknown field."));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"bio\": 5}")
                .patch("/api/admin/authors/" + author).then().statusCode(400).body("errors[0].field", equalTo("bio"));
        adminWithBadInput().contentType(ContentType.JSON).body("[]")
                .patch("/api/admin/authors/" + author).then().statusCode(400).contentType(PROBLEM);
        // Unreadable before the lookup: a 400 even for an address with nothing behind it.
        adminWithBadInput().contentType(ContentType.JSON).body("{\"colour\": \"red\"}")
                .patch("/api/admin/tags/" + UUID.randomUUID()).then().statusCode(400)
                .body("errors[0].field", equalTo("colour"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": \"\", \"slug\": \"Bad Slug!!\"}")
                .patch("/api/admin/authors/" + author).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("name", "slug")));
        assertEquals(before, admin().get("/api/admin/authors/" + author).asString());
    }

    @Test
    void declaredOversizedJsonBodyIs413BeforeAnyByteIsRead() {
        // Two bytes follow a Content-Length of 2 MB: only the declared length can have been judged.
        String answer = io.inkwell.support.Api.rawAdminRequest("POST", "/api/admin/authors",
                "Content-Type: application/json\r\nContent-Length: 2000000\r\n", "{}".getBytes(StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        org.junit.jupiter.api.Assertions.assertTrue(answer.toLowerCase(java.util.Locale.ROOT)
                .contains("content-type: application/problem+json"), answer);
    }

    @Test
    void chunkedJsonBodyIs411() {
        long before = Posts.adminTotal();
        String answer = io.inkwell.support.Api.rawAdminRequest("POST", "/api/admin/posts",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
                "14\r\n{\"title\": \"Chunked\"}\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 411"), answer);
        org.junit.jupiter.api.Assertions.assertTrue(answer.toLowerCase(java.util.Locale.ROOT)
                .contains("content-type: application/problem+json"), answer);
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void unknownAddressWithABodyIs404() {
        // Body limits follow the matched method; an address that matches none is still a 404.
        String answer = io.inkwell.support.Api.rawAdminRequest("POST", "/api/admin/nothing-here",
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n", "2\r\n{}\r\n0\r\n\r\n".getBytes(
                        StandardCharsets.US_ASCII));
        org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
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

    /** Restore and discard-changes take no body: a field a client thought mattered is refused, not ignored. */
    @Test
    void actionsWithoutOptionsRefuseAnyField() {
        String id = Posts.create(Posts.draft("No options " + unique())).getString("id");
        admin().contentType(ContentType.JSON).body(Map.of("markdown", "Second")).patch("/api/admin/posts/" + id)
                .then().statusCode(200);
        String before = admin().get("/api/admin/posts/" + id).asString();
        for (String action : List.of("revisions/1/restore", "discard-changes")) {
            adminWithBadInput().contentType(ContentType.JSON).body("{\"publish\": true, \"force\": 1}")
                    .post("/api/admin/posts/" + id + "/" + action).then().statusCode(400).contentType(PROBLEM)
                    .body("errors.field", equalTo(List.of("force", "publish")));
            adminWithBadInput().contentType("text/plain").body("publish")
                    .post("/api/admin/posts/" + id + "/" + action).then().statusCode(415).contentType(PROBLEM);
        }
        assertEquals(before, admin().get("/api/admin/posts/" + id).asString());
        admin().contentType(ContentType.JSON).body("{}").post("/api/admin/posts/" + id + "/revisions/1/restore")
                .then().statusCode(200);
        admin().post("/api/admin/posts/" + id + "/revisions/1/restore").then().statusCode(200);
    }

    /** Jackson stops at the first field it cannot read; the answer names every one, on create and PATCH. */
    @Test
    void everyFieldOfTheWrongTypeIsNamedInOneAnswer() {
        long before = Posts.adminTotal();
        String bad = "{\"title\":1,\"markdown\":2,\"status\":\"bogus\",\"colour\":\"red\",\"excerpt\":\"fine\"}";
        adminWithBadInput().contentType(ContentType.JSON).body(bad).post("/api/admin/posts").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("colour", "markdown", "status", "title")));
        assertEquals(before, Posts.adminTotal());
        String id = Posts.create(Posts.draft("Typed " + unique())).getString("id");
        String kept = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body(bad).patch("/api/admin/posts/" + id).then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("colour", "markdown", "status", "title")));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\":5,\"slug\":true}").post("/api/admin/tags")
                .then().statusCode(400).body("errors.field", equalTo(List.of("name", "slug")));
        assertEquals(kept, admin().get("/api/admin/posts/" + id).asString());
    }

    @Test
    void badNamesAreNamedWithTheOtherBadFields() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"tags\":[\"ok\",\"\"],\"categories\":[\"!!\"],\"authors\":[\"" + "a".repeat(201) + "\"]}")
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", equalTo(List.of("authors[0]", "categories[0]", "tags[1]", "title")));
        assertEquals(before, Posts.adminTotal());
    }

    @Test
    void aNullNameAmongTagsCategoriesOrAuthorsIs422NamingItsPlace() {
        long before = Posts.adminTotal();
        for (String field : List.of("tags", "categories", "authors")) {
            adminWithBadInput().contentType(ContentType.JSON).body("{\"title\":\"t\",\"" + field + "\":[\"ok\",null]}")
                    .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                    .body("errors.field", hasItem(field + "[1]"));
        }
        assertEquals(before, Posts.adminTotal());
        String id = Posts.create(Posts.draft("Null names " + unique())).getString("id");
        String kept = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"authors\":[null]}")
                .patch("/api/admin/posts/" + id).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("authors[0]"));
        assertEquals(kept, admin().get("/api/admin/posts/" + id).asString());
    }

    /** A create needs its object: none, or the JSON null, is unreadable input (400), like any other. */
    @Test
    void aCreateWithoutABodyOrWithTheJsonNullIs400NamingTheBody() {
        long before = Posts.adminTotal();
        for (String path : List.of("/api/admin/posts", "/api/admin/tags", "/api/admin/authors")) {
            for (String body : List.of("", "null")) {
                adminWithBadInput().contentType(ContentType.JSON).body(body).post(path).then().statusCode(400)
                        .contentType(PROBLEM).body("errors.field", equalTo(List.of("body")));
            }
        }
        assertEquals(before, Posts.adminTotal());
    }

    /** An action's body is optional, but the JSON null is neither an object nor no body. */
    @Test
    void aJsonNullBodyOnAnActionIs400AndChangesNothing() {
        String id = Posts.create(Posts.draft("Null body " + unique())).getString("id");
        String before = admin().get("/api/admin/posts/" + id).asString();
        for (String action : List.of("publish", "unpublish", "preview")) {
            adminWithBadInput().contentType(ContentType.JSON).body("null").post("/api/admin/posts/" + id + "/" + action)
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("body"));
        }
        assertEquals(before, admin().get("/api/admin/posts/" + id).asString());
    }

    @Test
    void anUnpublishTimeBeforeTheScheduledPublishIsNamedAsTheRequestNamesIt() {
        Map<String, Object> scheduled = Posts.draft("Later " + unique());
        scheduled.put("status", "scheduled");
        scheduled.put("publishedAt", "2030-01-01T00:00:00Z");
        String id = Posts.create(scheduled).getString("id");
        adminWithBadInput().contentType(ContentType.JSON).body("{\"at\": \"2029-01-01T00:00:00Z\"}")
                .post("/api/admin/posts/" + id + "/unpublish").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("at"));
        admin().get("/api/admin/posts/" + id).then().body("unpublishAt", equalTo(null));
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
    void jsonBodiesWithoutContentTypeAre415() {
        long before = Posts.adminTotal();
        String id = Posts.create(Posts.draft("Untyped " + unique())).getString("id");
        String post = admin().get("/api/admin/posts/" + id).asString();
        byte[] json = "{\"title\": \"No type\"}".getBytes(StandardCharsets.UTF_8);
        assertProblem(adminWithoutContentType("POST", "/api/admin/posts", json), 415, "Content-Type");
        assertProblem(adminWithoutContentType("PATCH", "/api/admin/posts/" + id, json), 415, "Content-Type");
        assertProblem(adminWithoutContentType("POST", "/api/admin/tags", "{\"name\": \"No type\"}".getBytes(StandardCharsets.UTF_8)), 415, "Content-Type");
        assertEquals(before + 1, Posts.adminTotal());
        assertEquals(post, admin().get("/api/admin/posts/" + id).asString());
        // An action's body that is there is JSON; an empty one may declare anything, or nothing.
        adminWithBadInput().contentType("text/plain").body("{}").post("/api/admin/posts/" + id + "/publish").then()
                .statusCode(415).contentType(PROBLEM).body("errors[0].field", equalTo("Content-Type"));
        assertEquals(post, admin().get("/api/admin/posts/" + id).asString());
        assertEquals(200, adminWithoutContentType("POST", "/api/admin/posts/" + id + "/publish", null).statusCode());
    }

    @Test
    void dateTimesMustBeRfc3339TextWithAFourDigitYear() {
        long before = Posts.adminTotal();
        for (String value : List.of("1700000000", "1.7e9", "true", "\"\"", "\"+10000-01-01T00:00:00Z\"",
                "\"-0001-01-01T00:00:00Z\"", "\"2017-02-21\"", "\"2017-02-21T09:02:03\"",
                // Four digits as written, but year -1, 0 and 10000 in UTC: they could not be sent back.
                "\"0000-01-01T00:00:00+01:00\"", "\"0000-06-01T00:00:00Z\"", "\"9999-12-31T23:59:59-01:00\"")) {
            adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Dated\", \"publishedAt\": " + value + "}")
                    .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("publishedAt"));
        }
        String id = Posts.create(Posts.draft("Dated " + unique())).getString("id");
        String post = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"unpublishAt\": 4102444800}")
                .patch("/api/admin/posts/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("unpublishAt"));
        assertEquals(post, admin().get("/api/admin/posts/" + id).asString());
        assertEquals(before + 1, Posts.adminTotal());
        // Still fine: offsets, fractions, the lower-case separators RFC 3339 allows.
        Posts.create(Map.of("title", "Offset " + unique(), "publishedAt", "2017-02-21T09:02:03.5+01:00"));
        Posts.create(Map.of("title", "Lower " + unique(), "publishedAt", "2017-02-21t09:02:03z"));
    }

    @Test
    void emptyOrNumericTimesOnActionsAre400NotNow() {
        String id = Posts.create(Posts.draft("Act now " + unique())).getString("id");
        Posts.publish(id);
        String before = admin().get("/api/admin/posts/" + id).asString();
        for (String body : List.of("{\"at\": \"\"}", "{\"at\": 0}", "{\"at\": \"  \"}")) {
            adminWithBadInput().contentType(ContentType.JSON).body(body).post("/api/admin/posts/" + id + "/unpublish")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("at"));
        }
        for (String body : List.of("{\"publishAt\": \"\"}", "{\"publishAt\": 1893456000}")) {
            adminWithBadInput().contentType(ContentType.JSON).body(body).post("/api/admin/posts/" + id + "/publish")
                    .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("publishAt"));
        }
        assertEquals(before, admin().get("/api/admin/posts/" + id).asString());
    }

    @Test
    void loneSurrogatesInvalidUtf8AndNulCharactersInMetaAre400() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Lone \\ud800 surrogate\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Meta\", \"meta\": {\"k\": [\"\\udc00\"]}}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta.k[0]"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Meta\", \"meta\": {\"a\\u0000b\": 1}}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta"))
                .body("errors[0].message", containsString("NUL"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Meta\", \"meta\": {\"p\": {\"q\": \"\\u0000\"}}}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta.p.q"));
        // A number beyond BigDecimal's exponents was a 500; meta nested near Jackson's read limit
        // was stored, then broke every read of the post and of the feeds.
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"Meta\", \"meta\": {\"v\": [1e999999999999]}}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta.v[0]")).body("errors[0].message", containsString("exponent"));
        adminWithBadInput().contentType(ContentType.JSON)
                .body("{\"title\": \"Deep\", \"meta\": {\"d\": " + "[".repeat(100) + "]".repeat(100) + "}}")
                .post("/api/admin/posts").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta")).body("errors[0].message", containsString("100 levels"));
        // 100 levels, meta itself the first, as an import takes them; such a post stays editable.
        String deep = Posts.create(Map.of("title", "Deep enough " + unique(), "meta", Map.of("d", nested(99)))).getString("id");
        admin().contentType(ContentType.JSON).body(Map.of("title", "Still editable")).patch("/api/admin/posts/" + deep)
                .then().statusCode(200);
        before++;
        for (byte[] bad : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, new byte[] {(byte) 0xFF})) {
            adminWithBadInput().contentType(ContentType.JSON).body(json("{\"title\": \"Bytes ", bad, "\"}"))
                    .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("body"))
                    .body("errors[0].message", containsString("UTF-8"));
        }
        String id = Posts.create(Posts.draft("Meta patch " + unique())).getString("id");
        String post = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"meta\": {\"a\\u0000\": true}}")
                .patch("/api/admin/posts/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta"));
        adminWithBadInput().contentType(ContentType.JSON).body(json("{\"title\": \"", new byte[] {(byte) 0xC0, (byte) 0x80}, "\"}"))
                .patch("/api/admin/posts/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
        adminWithBadInput().contentType(ContentType.JSON).body(json("{\"at\": \"", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"}"))
                .post("/api/admin/posts/" + id + "/unpublish").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
        assertEquals(post, admin().get("/api/admin/posts/" + id).asString());
        assertEquals(before + 1, Posts.adminTotal());
    }

    private static Object nested(int levels) {
        Object value = 1;
        for (int i = 0; i < levels; i++) {
            value = List.of(value);
        }
        return value;
    }

    @Test
    void duplicateKeysAndTrailingDataAre400() {
        long before = Posts.adminTotal();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"a\", \"title\": \"b\"}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"))
                .body("errors[0].message", containsString("twice"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"a\", \"meta\": {\"x\": 1, \"x\": 2}}")
                .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("meta.x"));
        for (String trailing : List.of("{\"title\": \"a\"} x", "{\"title\": \"a\"} {\"title\": \"b\"}", "{\"title\": \"a\"}]")) {
            adminWithBadInput().contentType(ContentType.JSON).body(trailing)
                    .post("/api/admin/posts").then().statusCode(400).contentType(PROBLEM)
                    .body("errors[0].field", equalTo("body"));
        }
        String id = Posts.create(Posts.draft("Twice " + unique())).getString("id");
        String post = admin().get("/api/admin/posts/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"a\", \"title\": \"b\"}")
                .patch("/api/admin/posts/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("title"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"title\": \"a\"} 1")
                .patch("/api/admin/posts/" + id).then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"at\": null} x")
                .post("/api/admin/posts/" + id + "/unpublish").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"publishAt\": null, \"publishAt\": null}")
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(400).contentType(PROBLEM)
                .body("errors[0].field", equalTo("publishAt"));
        assertEquals(post, admin().get("/api/admin/posts/" + id).asString());
        assertEquals(before + 1, Posts.adminTotal());
    }

    /** The decoder would hand the resource U+FFFD: a search for "\uFFFD", a tag that cannot exist. */
    @Test
    void percentEncodedBytesThatAreNotUtf8Are400NamingTheParameter() {
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/search?q=%ed%a0%80&tag=%ff").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("q", "tag")));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/posts?t%ffg=x").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItem("query"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/search?%ff").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("query")));
        content().urlEncodingEnabled(false).get("/api/content/search?q=%C3%A9mile").then().statusCode(200);
    }

    @Test
    void emptyFiltersAre400RatherThanReadAsAbsent() {
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/posts?tag=&cursor=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("cursor", "tag")));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/search?q=python&author=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("author")));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/posts?status=&sort=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("sort", "status")));
        // A flag (it was read as false) and media's width (it was the original) too.
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/images?unused=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("unused")));
        adminWithBadInput().urlEncodingEnabled(false).get("/media/" + "0".repeat(64) + "/x.png?w=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", equalTo(List.of("w")));
    }

    @Test
    void emptyOrRepeatedPagingParametersAre400() {
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/posts?page=&limit=").then().statusCode(400)
                .contentType(PROBLEM).body("errors.field", hasItems("page", "limit"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/content/posts?page=1&page=2").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("page"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/tags?limit=5&limit=5").then().statusCode(400)
                .contentType(PROBLEM).body("errors[0].field", equalTo("limit"));
        adminWithBadInput().urlEncodingEnabled(false).get("/api/admin/images?page=1&limit=2&page=1").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("page"));
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

    /** A JSON text with raw bytes in the middle, which no Java string can carry. */
    private static byte[] json(String start, byte[] middle, String end) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(start.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(middle);
        out.writeBytes(end.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
