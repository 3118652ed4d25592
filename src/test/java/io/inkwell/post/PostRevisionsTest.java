package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.unique;
import static io.inkwell.support.Api.withToken;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.MovableClock;
import io.inkwell.support.Posts;
import io.inkwell.support.Sites;
import io.inkwell.support.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostRevisionsTest {

    /** Past the coalescing window (INKWELL_REVISIONS_COALESCE_WINDOW, 2 minutes). */
    private static final Duration LATER = Duration.ofMinutes(3);

    @Inject
    MovableClock clock;

    @Inject
    PostRevisions revisions;

    @AfterEach
    void backToTheRealTime() {
        clock.reset();
    }

    @Test
    void savesByOneTokenWithinTheWindowCoalesceAndLaterOnesAddARevision() {
        String id = Posts.create(Posts.draft("Coalesced " + unique())).getString("id");
        edit(id, Map.of("title", "Second title"));
        edit(id, Map.of("markdown", "Second body."));

        JsonPath list = revisions(id);
        assertEquals(1, list.getInt("pagination.total"), "three saves within two minutes are one revision");
        assertEquals(3, list.getInt("items[0].saves"));
        assertEquals("Second title", list.getString("items[0].title"));
        assertEquals("api", list.getString("items[0].source"));

        clock.advance(LATER);
        edit(id, Map.of("title", "Third title"));

        list = revisions(id);
        assertEquals(List.of(2, 1), list.getList("items.number"), "newest first");
        assertEquals(List.of("Third title", "Second title"), list.getList("items.title"));
        admin().get("/api/admin/posts/" + id + "/revisions/1").then().statusCode(200)
                .body("content.markdown", equalTo("Second body."))
                .body("content.title", equalTo("Second title"));
    }

    @Test
    void savesByAnotherTokenAreNotCoalesced() {
        String id = Posts.create(Posts.draft("Two hands " + unique())).getString("id");
        String editor = Tokens.create("editor", null);

        withToken(editor).header("If-Match", "*").body(Map.of("title", "The editor's title"))
                .patch("/api/admin/posts/" + id).then().statusCode(200);

        JsonPath list = revisions(id);
        assertEquals(List.of(2, 1), list.getList("items.number"));
        assertTrue(list.getString("items[0].savedBy.name").startsWith("editor token"), list.prettify());
        assertNotNull(list.getString("items[0].savedBy.tokenId"));
        assertEquals(1, list.getInt("items[1].saves"));
    }

    @Test
    void aSaveThatChangesNothingAddsNone() {
        String title = "Unchanged " + unique();
        String id = Posts.create(Posts.draft(title)).getString("id");
        clock.advance(LATER);

        edit(id, Map.of("title", title));

        JsonPath list = revisions(id);
        assertEquals(1, list.getInt("pagination.total"));
        assertEquals(1, list.getInt("items[0].saves"));
    }

    @Test
    void publishingMarksTheLiveRevisionWhichLaterSavesLeaveAlone() {
        String id = Posts.create(Posts.draft("Marked " + unique())).getString("id");
        assertNull(revisions(id).getString("items[0].publishedAt"));
        Posts.publish(id);

        assertNotNull(revisions(id).getString("items[0].publishedAt"));

        edit(id, Map.of("title", "Edited after publishing"));
        JsonPath list = revisions(id);
        assertEquals(List.of(2, 1), list.getList("items.number"), "the live revision is not updated in place");
        assertNull(list.getString("items[0].publishedAt"));
        assertNotNull(list.getString("items[1].publishedAt"));
    }

    @Test
    void diffListsChangedFieldsAndAUnifiedDiffOfTheMarkdown() {
        Map<String, Object> body = Posts.draft("Diffed " + unique());
        body.put("markdown", "line one\nline two\nline three\n");
        body.put("tags", List.of("alpha"));
        String id = Posts.create(body).getString("id");
        clock.advance(LATER);
        edit(id, Map.of("title", "Diffed, renamed", "markdown", "line one\nline 2\nline three\n",
                "tags", List.of("alpha", "beta")));

        JsonPath againstCurrent = admin().get("/api/admin/posts/" + id + "/revisions/1/diff?against=current")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("current", againstCurrent.getString("against"));
        assertEquals(List.of("title", "tags"), againstCurrent.getList("fields.field"));
        assertEquals("Diffed, renamed", againstCurrent.getString("fields[0].from"));
        assertEquals(body.get("title"), againstCurrent.getString("fields[0].to"));
        assertEquals(List.of("alpha", "beta"), againstCurrent.getList("fields[1].from"));
        assertEquals(List.of("alpha"), againstCurrent.getList("fields[1].to"));
        assertEquals("""
                --- current
                +++ revision-1
                @@ -1,3 +1,3 @@
                 line one
                -line 2
                +line two
                 line three
                """, againstCurrent.getString("markdown"));

        admin().get("/api/admin/posts/" + id + "/revisions/2/diff?against=1").then().statusCode(200)
                .body("markdown", containsString("--- revision-1\n+++ revision-2\n"))
                .body("markdown", containsString("-line two\n+line 2\n"));
        admin().get("/api/admin/posts/" + id + "/revisions/2/diff").then().statusCode(200)
                .body("fields", equalTo(List.of())).body("markdown", equalTo(""));
    }

    @Test
    void aDiffShowsChangedLineEndsAndTheFinalNewline() {
        Map<String, Object> body = Posts.draft("Line ends " + unique());
        body.put("markdown", "one\r\ntwo\r\nthree\n");
        String id = Posts.create(body).getString("id");
        clock.advance(LATER);
        edit(id, Map.of("markdown", "one\ntwo\r\nthree"));

        assertEquals("""
                --- revision-1
                +++ revision-2
                @@ -1,3 +1,3 @@
                -one\r
                +one
                 two\r
                -three
                +three
                \\ No newline at end of file
                """, markdownDiff(id, 2, 1));

        // A lone CR is no line end (as in git): CRLF to CR shows as two lines becoming one.
        clock.advance(LATER);
        edit(id, Map.of("markdown", "one\rtwo\r\nthree"));
        assertEquals("""
                --- revision-2
                +++ revision-3
                @@ -1,3 +1,2 @@
                -one
                -two\r
                +one\rtwo\r
                 three
                \\ No newline at end of file
                """, markdownDiff(id, 3, 2));
    }

    private static String markdownDiff(String id, int revision, int against) {
        return admin().get("/api/admin/posts/" + id + "/revisions/" + revision + "/diff?against=" + against).then().statusCode(200)
                .extract().jsonPath().getString("markdown");
    }

    @Test
    void aDiffAgainstSomethingElseIs400AndAgainstAnotherPostsRevision404() {
        String id = Posts.create(Posts.draft("Bad diff " + unique())).getString("id");
        String other = Posts.create(Posts.draft("Other " + unique())).getString("id");
        clock.advance(LATER);
        edit(other, Map.of("title", "Other, second"));

        adminWithBadInput().get("/api/admin/posts/" + id + "/revisions/1/diff?against=yesterday").then()
                .statusCode(400).body("errors[0].field", equalTo("against"));
        admin().get("/api/admin/posts/" + id + "/revisions/1/diff?against=2").then().statusCode(404);
        admin().get("/api/admin/posts/" + id + "/revisions/2").then().statusCode(404);
        admin().get("/api/admin/posts/" + java.util.UUID.randomUUID() + "/revisions").then().statusCode(404);
    }

    @Test
    void restoreMakesTheRevisionTheWorkingCopyWithoutPublishing() {
        String title = "Restored " + unique();
        String id = Posts.createPublished(title, Map.of()).getString("id");
        clock.advance(LATER);
        Response edited = edit(id, Map.of("title", "A title regretted", "markdown", "Regretted."));

        Response restored = admin().header("If-Match", edited.header("ETag"))
                .post("/api/admin/posts/" + id + "/revisions/1/restore");

        restored.then().statusCode(200)
                .header("ETag", equalTo("\"" + restored.jsonPath().getLong("version") + "\""))
                .body("title", equalTo(title))
                .body("markdown", equalTo(Posts.draft(title).get("markdown")))
                .body("status", equalTo("published"))
                .body("hasUnpublishedChanges", equalTo(false));
        JsonPath list = revisions(id);
        assertEquals(List.of(3, 2, 1), list.getList("items.number"),
                "the restore is a revision of its own, apart from the edit it replaced");
        assertEquals(List.of(title, "A title regretted", title), list.getList("items.title"));
        assertNull(list.getString("items[0].publishedAt"), "restoring does not publish");
    }

    @Test
    void restoreWithAStaleIfMatchIs412() {
        JsonPath created = Posts.create(Posts.draft("Stale " + unique()));
        String id = created.getString("id");
        clock.advance(LATER);
        edit(id, Map.of("title", "Moved on"));

        admin().header("If-Match", "\"" + created.getLong("version") + "\"")
                .post("/api/admin/posts/" + id + "/revisions/1/restore").then().statusCode(412);
        admin().get("/api/admin/posts/" + id).then().body("title", equalTo("Moved on"));
        admin().post("/api/admin/posts/" + id + "/revisions/9/restore").then().statusCode(404);
    }

    @Test
    void aContributorCannotRestoreSomeoneElsesPost() {
        String id = Posts.create(Posts.draft("Not yours " + unique())).getString("id");
        String contributor = Tokens.create("contributor", Tokens.author("Contributor"));

        withToken(contributor).post("/api/admin/posts/" + id + "/revisions/1/restore").then().statusCode(403);
        withToken(contributor).get("/api/admin/posts/" + id + "/revisions").then().statusCode(200);
    }

    @Test
    void importsKeepRevisionsMarkedAsImports() {
        String s = unique();
        String path = "content/posts/imported-" + s + ".md";
        importZip(path, "+++\ntitle = \"Imported " + s + "\"\ndraft = true\n+++\nFirst.\n");
        String id = admin().get("/api/admin/posts?slug=imported-" + s).then().statusCode(200)
                .extract().path("items[0].id");
        clock.advance(LATER);
        importZip(path, "+++\ntitle = \"Imported " + s + "\"\ndraft = true\n+++\nSecond.\n");

        JsonPath list = revisions(id);
        String me = admin().get("/api/admin/me").then().statusCode(200).extract().path("name");
        assertEquals(List.of("import", "import"), list.getList("items.source"));
        assertEquals(List.of(me, me), list.getList("items.savedBy.name"), "the importing token saved them");
        admin().get("/api/admin/posts/" + id + "/revisions/2/diff?against=1").then().statusCode(200)
                .body("markdown", containsString("-First.\n+Second.\n"));
    }

    @Test
    void pruningKeepsTheNewestAndThoseThatWentLiveWithinTheirDays() {
        String id = Posts.create(Posts.draft("Pruned " + unique())).getString("id");
        clock.advance(LATER);
        edit(id, Map.of("title", "Pruned, 2"));
        Posts.publish(id);
        for (int number = 3; number <= 5; number++) {
            clock.advance(LATER);
            edit(id, Map.of("title", "Pruned, " + number));
        }
        assertEquals(List.of(5, 4, 3, 2, 1), revisions(id).getList("items.number"));

        revisions.prune(2, Duration.ofDays(365));
        assertEquals(List.of(5, 4, 2), revisions(id).getList("items.number"),
                "the newest two, and the one that went live within the year");

        revisions.prune(2, Duration.ZERO);
        assertEquals(List.of(5, 4), revisions(id).getList("items.number"));
        clock.advance(LATER);
        edit(id, Map.of("title", "Pruned, 6"));
        assertEquals(List.of(6, 5, 4), revisions(id).getList("items.number"), "numbers go on after pruning");
    }

    private static Response edit(String id, Map<String, Object> fields) {
        Response response = admin().header("If-Match", "*").body(fields).patch("/api/admin/posts/" + id);
        response.then().statusCode(200);
        return response;
    }

    private static JsonPath revisions(String id) {
        return admin().get("/api/admin/posts/" + id + "/revisions").then().statusCode(200).extract().jsonPath();
    }

    private static void importZip(String path, String file) {
        admin().contentType("application/zip").body(Sites.zip(Map.of(path, file.getBytes())))
                .post("/api/admin/import").then().statusCode(200);
    }
}
