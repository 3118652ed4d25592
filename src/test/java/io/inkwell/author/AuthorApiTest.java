package io.inkwell.author;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuthorApiTest {

    @Test
    void authorsHaveFullCrud() {
        String name = "Grace Hopper " + unique();
        JsonPath created = admin().body(Map.of("name", name, "bio", "Admiral")).post("/api/admin/authors").then()
                .statusCode(201).body("postCount", equalTo(0)).extract().jsonPath();
        String id = created.getString("id");

        admin().get("/api/admin/authors?limit=100").then().statusCode(200).body("items.id", hasItem(id));
        admin().body(Map.of("bio", "Rear admiral")).patch("/api/admin/authors/" + id).then().statusCode(200)
                .body("bio", equalTo("Rear admiral")).body("name", equalTo(name));
        admin().delete("/api/admin/authors/" + id).then().statusCode(204);
        adminWithBadInput().get("/api/admin/authors/" + id).then().statusCode(404);
    }

    @Test
    void aPatchThatChangesNothingLeavesTheAuthorAsTheyWere() {
        String name = "Unchanged " + unique();
        String id = admin().body(Map.of("name", name, "bio", "Same")).post("/api/admin/authors").then()
                .statusCode(201).extract().path("id");
        String before = admin().get("/api/admin/authors/" + id).asString();

        admin().body(Map.of("name", name + "  ", "bio", "Same")).patch("/api/admin/authors/" + id).then()
                .statusCode(200).body("updatedAt", equalTo(JsonPath.from(before).getString("updatedAt")));
        assertEquals(before, admin().get("/api/admin/authors/" + id).asString());
    }

    @Test
    void authorNamedOnAPostIsCreatedAndShownPublicly() {
        String name = "Linus " + unique();
        Posts.createPublished("By " + name, Map.of("authors", List.of(name)));
        String slug = io.inkwell.common.slug.Slugs.fromText(name);

        content().get("/api/content/authors/" + slug).then().statusCode(200)
                .body("name", equalTo(name)).body("postCount", equalTo(1));
        content().get("/api/content/posts?author=" + slug).then().body("pagination.total", equalTo(1));
    }

    @Test
    void renamingAnAuthorUpdatesTheirPublishedPosts() {
        String name = "Ada " + unique();
        io.restassured.path.json.JsonPath post = Posts.createPublished("By " + name, Map.of("authors", List.of(name)));

        admin().body(Map.of("name", "Ada Lovelace " + name)).patch("/api/admin/authors/" + post.getString("authors[0].id"))
                .then().statusCode(200);

        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(200)
                .body("authors.name", equalTo(List.of("Ada Lovelace " + name)));
    }

    /** The name an author bears now is that author, though their slug came from an older name. */
    @Test
    void aPostNamingARenamedAuthorByTheirNewNameGetsThatAuthor() {
        String s = unique();
        io.restassured.path.json.JsonPath first = Posts.createPublished("By Ann " + s, Map.of("authors", List.of("Ann " + s)));
        String id = first.getString("authors[0].id");
        admin().body(Map.of("name", "Ann Smith " + s)).patch("/api/admin/authors/" + id).then().statusCode(200);

        io.restassured.path.json.JsonPath second = Posts.create(Map.of("title", "By Ann Smith " + s, "authors", List.of("ann smith " + s)));
        assertEquals(List.of(id), second.getList("authors.id"));
        adminWithBadInput().contentType(io.restassured.http.ContentType.JSON).body(Map.of("name", "ANN SMITH " + s))
                .post("/api/admin/authors").then().statusCode(409).body("errors[0].field", equalTo("name"));
    }

    @Test
    void deletingAnAuthorKeepsThePost() {
        String name = "Temporary " + unique();
        JsonPath post = Posts.createPublished("Orphan " + name, Map.of("authors", List.of(name)));
        admin().delete("/api/admin/authors/" + post.getString("authors[0].id")).then().statusCode(204);

        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(200)
                .body("authors", org.hamcrest.Matchers.empty());
    }

    @Test
    void invalidPatchIs422() {
        String id = admin().body(Map.of("name", "Valid " + unique())).post("/api/admin/authors").then()
                .statusCode(201).extract().path("id");
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": null}")
                .patch("/api/admin/authors/" + id).then().statusCode(422).body("errors[0].field", equalTo("name"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"slug\": \"Bad Slug\"}")
                .patch("/api/admin/authors/" + id).then().statusCode(422).body("errors[0].field", equalTo("slug"));
        String before = admin().get("/api/admin/authors/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": \"  \"}")
                .patch("/api/admin/authors/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        assertEquals(before, admin().get("/api/admin/authors/" + id).asString(), "a refused patch changes nothing");
    }

    @Test
    void everyBadFieldOfAPatchIsNamedInOneAnswer() {
        String id = admin().body(Map.of("name", "Whole " + unique(), "bio", "Kept")).post("/api/admin/authors").then()
                .statusCode(201).extract().path("id");
        String before = admin().get("/api/admin/authors/" + id).asString();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": \"\", \"slug\": \"Bad Slug!!\"}")
                .patch("/api/admin/authors/" + id).then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("name", "slug")));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"name\": null, \"slug\": null, \"bio\": null}")
                .patch("/api/admin/authors/" + id).then().statusCode(422)
                .body("errors.field", equalTo(List.of("name", "slug")))
                .body("errors.message", everyItem(equalTo("Cannot be null; omit it to keep the current value.")));
        assertEquals(before, admin().get("/api/admin/authors/" + id).asString(), "a refused patch changes nothing");
    }

    @Test
    void omittedFieldsStayAndNullClearsTheBio() {
        String name = "Margaret " + unique();
        String id = admin().body(Map.of("name", name, "bio", "Apollo")).post("/api/admin/authors").then()
                .statusCode(201).extract().path("id");
        String slug = "hamilton-" + unique();
        admin().body(Map.of("slug", slug)).patch("/api/admin/authors/" + id).then().statusCode(200)
                .body("slug", equalTo(slug)).body("name", equalTo(name)).body("bio", equalTo("Apollo"));
        admin().body("{\"bio\": null}").patch("/api/admin/authors/" + id).then().statusCode(200)
                .body("bio", nullValue()).body("name", equalTo(name)).body("slug", equalTo(slug));
    }

    @Test
    void unknownAuthorIs404AndATakenNameIs409() {
        String missing = "/api/admin/authors/" + java.util.UUID.randomUUID();
        adminWithBadInput().contentType(ContentType.JSON).body("{\"bio\": \"x\"}").patch(missing).then()
                .statusCode(404).contentType("application/problem+json");
        adminWithBadInput().delete(missing).then().statusCode(404).contentType("application/problem+json");

        String name = "Taken " + unique();
        admin().body(Map.of("name", name)).post("/api/admin/authors").then().statusCode(201);
        long total = admin().get("/api/admin/authors?limit=1").jsonPath().getLong("pagination.total");
        adminWithBadInput().contentType(ContentType.JSON).body(Map.of("name", name)).post("/api/admin/authors").then()
                .statusCode(409).contentType("application/problem+json");
        assertEquals(total, admin().get("/api/admin/authors?limit=1").jsonPath().getLong("pagination.total"));
    }
}
