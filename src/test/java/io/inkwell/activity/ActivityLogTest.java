package io.inkwell.activity;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.withToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.inkwell.support.Api;
import io.inkwell.support.Posts;
import io.inkwell.support.Sites;
import io.inkwell.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActivityLogTest {

    @Test
    void everyWriteIsLoggedWithWhoWhatAndHowItEnded() {
        String me = Tokens.author("Logged Author");
        Tokens.Issued author = Tokens.issue("author", me, null);
        String id = withToken(author.secret()).body(Posts.draft("Logged " + Api.unique())).post("/api/admin/posts")
                .then().statusCode(201).extract().path("id");
        withToken(author.secret()).body("{}").post("/api/admin/posts/" + id + "/publish").then().statusCode(200);
        String others = Posts.create(Posts.draft("Not theirs " + Api.unique())).getString("id");
        withToken(author.secret()).delete("/api/admin/posts/" + others).then().statusCode(403);
        withToken(author.secret()).get("/api/admin/posts/" + id).then().statusCode(200);

        JsonPath log = admin().get("/api/admin/activity?tokenId=" + author.id()).then().statusCode(200)
                .body("items", hasSize(3)).extract().jsonPath();
        // Newest first; reads are not writes and are not logged.
        assertEntry(log, 0, "DELETE", "/api/admin/posts/{id}", others, 403);
        assertEntry(log, 1, "POST", "/api/admin/posts/{id}/publish", id, 200);
        assertEntry(log, 2, "POST", "/api/admin/posts", id, 201);
        org.junit.jupiter.api.Assertions.assertEquals(me, log.getString("items[2].authorId"));
        org.junit.jupiter.api.Assertions.assertEquals(author.id(), log.getString("items[2].tokenId"));

        admin().get("/api/admin/activity?resource=posts&resourceId=" + others).then().statusCode(200)
                .body("items[0].status", equalTo(403)).body("items[0].at", notNullValue());
        admin().get("/api/admin/activity?authorId=" + me + "&limit=1").then().body("pagination.total", equalTo(3));

        // A revision's number is part of the pattern, not kept as it is.
        withToken(author.secret()).post("/api/admin/posts/" + id + "/revisions/1/restore").then().statusCode(200);
        admin().get("/api/admin/activity?tokenId=" + author.id() + "&limit=1").then()
                .body("items[0].operation", equalTo("/api/admin/posts/{id}/revisions/{n}/restore"));
    }

    @Test
    void aWriteTheRoleMayNotMakeIsLoggedToo() {
        Tokens.Issued contributor = Tokens.issue("contributor", Tokens.author("Curious"), null);
        withToken(contributor.secret()).body(Map.of("name", "Forbidden " + Api.unique())).post("/api/admin/tags")
                .then().statusCode(403);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).untilAsserted(() ->
                admin().get("/api/admin/activity?tokenId=" + contributor.id()).then().statusCode(200)
                        .body("items", hasSize(1))
                        .body("items[0].operation", equalTo("/api/admin/tags"))
                        .body("items[0].status", equalTo(403)));
    }

    @Test
    void anImportIsOneEntryWithItsTotals() {
        String editor = Tokens.create("editor", null);
        String s = Api.unique();
        withToken(editor).contentType("application/zip").body(Sites.zip(Sites.hugo(s)))
                .post("/api/admin/import?source=logged-" + s).then().statusCode(200);
        admin().get("/api/admin/activity?resource=import&since=2020-01-01T00:00:00Z").then().statusCode(200)
                .body("items[0].operation", equalTo("/api/admin/import"))
                .body("items[0].summary", containsString("logged-" + s))
                .body("items[0].summary", containsString("4 created"));
    }

    @Test
    void badFiltersAreNamedAndOnlyAdminsRead() {
        adminWithBadInput().get("/api/admin/activity?tokenId=nope&since=yesterday").then().statusCode(400)
                .body("errors.field", equalTo(List.of("since", "tokenId")));
        withToken(Tokens.create("editor", null)).get("/api/admin/activity").then().statusCode(403);
    }

    private static void assertEntry(JsonPath log, int index, String method, String operation, String resourceId, int status) {
        Map<String, Object> entry = log.getMap("items[" + index + "]");
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of(method, operation, "posts", resourceId, status),
                List.of(entry.get("method"), entry.get("operation"), entry.get("resource"), entry.get("resourceId"), entry.get("status")),
                entry.toString());
    }
}
