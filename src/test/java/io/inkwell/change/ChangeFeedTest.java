package io.inkwell.change;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.inkwell.support.Sites;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeFeedTest {

    private static final Duration SETTLE = Duration.ofSeconds(10);

    @Inject
    DataSource dataSource;

    @Inject
    ChangeFeed feed;

    @Test
    void publishEditSlugChangeUnpublishAndDeleteAppearInOrderWithTombstones() {
        String before = Posts.createPublished("Before the cursor " + unique(), Map.of()).getString("id");
        String cursor = head();
        String slug = "feed-" + unique();
        Map<String, Object> body = Posts.draft("Change feed " + slug);
        body.put("slug", slug);
        String id = Posts.create(body).getString("id");
        String draftOnly = Posts.create(Posts.draft("Never published " + unique())).getString("id");
        saveDraft(id, "A draft save before publishing.");

        Posts.publish(id);
        saveDraft(id, "An edit of the live post.");
        Posts.publish(id);
        String renamed = slug + "-renamed";
        admin().body(Map.of("slug", renamed)).patch("/api/admin/posts/" + id).then().statusCode(200);
        Posts.publish(id);
        admin().body("{}").post("/api/admin/posts/" + id + "/unpublish").then().statusCode(200);
        Posts.publish(id);
        saveDraft(draftOnly, "Drafts come and go unseen.");
        admin().delete("/api/admin/posts/" + id).then().statusCode(204);

        List<String> expected = List.of(
                "upsert post published " + slug,
                "upsert post updated " + slug,
                "tombstone post moved " + slug,
                "upsert post updated " + renamed,
                "tombstone post unpublished " + renamed,
                "upsert post published " + renamed,
                "tombstone post deleted " + renamed);
        await().atMost(SETTLE).until(() -> entriesFor(id, walk(cursor, 100)).size() == expected.size());
        List<Map<String, Object>> replay = walk(cursor, 100);
        assertEquals(expected, entriesFor(id, replay));
        assertEquals(List.of(), entriesFor(before, replay), "a change before the cursor came back");
        assertEquals(List.of(), entriesFor(draftOnly, replay), "a draft's saves are not published content");
        Map<String, Object> first = replay.stream().filter(item -> item.get("id").equals(id)).findFirst().orElseThrow();
        assertEquals("/api/content/posts/" + slug, first.get("path"));

        // Smaller pages give the same sequence, one page after another.
        assertEquals(expected, entriesFor(id, walk(cursor, 1)));
        assertEquals(expected, entriesFor(id, walk(cursor, 3)));
    }

    @Test
    void anImagesNewAltTextIsAnUpdateOfThePublishedPostsShowingIt() {
        String s = unique();
        String imageId = admin().contentType("image/png").body(io.inkwell.support.Images.halfTransparentPng(30, 20,
                new java.awt.Color(s.hashCode() & 0xFFFFFF))).post("/api/admin/images?filename=alt-" + s + ".png")
                .then().statusCode(201).extract().path("id");
        JsonPath plainPost = Posts.createPublished("Shows the image's alt " + s, Map.of("featureImage", Map.of("imageId", imageId)));
        String plain = plainPost.getString("id");
        String own = Posts.createPublished("Has its own alt " + s,
                Map.of("featureImage", Map.of("imageId", imageId, "alt", "Own"))).getString("id");
        String cursor = head();
        admin().body(Map.of("alt", "Alt " + s)).patch("/api/admin/images/" + imageId).then().statusCode(200);
        // A marker after it: once the marker is in the feed, so is everything before it.
        String marker = Posts.createPublished("After the alt " + s, Map.of()).getString("id");
        await().atMost(SETTLE).until(() -> entriesFor(marker, walk(cursor, 100)).size() == 1);

        List<Map<String, Object>> changes = walk(cursor, 100);
        assertEquals(List.of("upsert post updated " + plainPost.getString("slug")), entriesFor(plain, changes));
        assertEquals(List.of(), entriesFor(own, changes), "its page did not change");
    }

    @Test
    void aPostBecomingAPageIsATombstoneForThePostAndAnUpsertForThePage() {
        String slug = "moves-" + unique();
        Map<String, Object> body = Posts.draft("Moves " + slug);
        body.put("slug", slug);
        body.put("status", "published");
        String cursor = head();
        String id = Posts.create(body).getString("id");
        admin().body(Map.of("type", "page")).patch("/api/admin/posts/" + id).then().statusCode(200);
        Posts.publish(id);

        List<String> expected = List.of("upsert post published " + slug, "tombstone post moved " + slug,
                "upsert page updated " + slug);
        await().atMost(SETTLE).until(() -> entriesFor(id, walk(cursor, 100)).size() == expected.size());
        assertEquals(expected, entriesFor(id, walk(cursor, 100)));
    }

    @Test
    void aPublicTagRenamedThenDeletedIsUpdatedThenTombstonedWithThePostsThatShowIt() {
        String tag = "renamed-" + unique();
        String tagId = admin().body(Map.of("name", tag)).post("/api/admin/tags").then().statusCode(201)
                .extract().jsonPath().getString("id");
        String id = Posts.createPublished("Tagged " + tag, Map.of("tags", List.of(tag))).getString("id");
        String slug = admin().get("/api/admin/posts/" + id).then().extract().jsonPath().getString("slug");
        String unusedTagId = admin().body(Map.of("name", "unused-" + tag)).post("/api/admin/tags").then()
                .statusCode(201).extract().jsonPath().getString("id");
        String cursor = head();
        admin().body(Map.of("name", tag + " again")).patch("/api/admin/tags/" + tagId).then().statusCode(200);
        admin().body(Map.of("name", "still unused " + tag)).patch("/api/admin/tags/" + unusedTagId).then()
                .statusCode(200);
        admin().delete("/api/admin/tags/" + tagId).then().statusCode(204);

        await().atMost(SETTLE).until(() -> entriesFor(tagId, walk(cursor, 100)).size() == 2);
        List<Map<String, Object>> replay = walk(cursor, 100);
        assertEquals(List.of("upsert tag updated " + tag, "tombstone tag deleted " + tag), entriesFor(tagId, replay));
        // The post's JSON names its tags: the rename and the removal each change it.
        assertEquals(List.of("upsert post updated " + slug, "upsert post updated " + slug), entriesFor(id, replay));
        assertEquals(List.of(), entriesFor(unusedTagId, replay), "a tag without published posts is not public");
    }

    @Test
    void anImportThatRollsBackLeavesNoChangeBehind() {
        String s = unique();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("content/posts/kept-" + s + ".md",
                ("+++\ntitle = \"Kept " + s + "\"\ndate = 2020-01-01T00:00:00Z\n+++\nBody\n").getBytes(StandardCharsets.UTF_8));
        files.put("content/posts/broken-" + s + ".md",
                ("+++\ntitle = \"Broken\"\ndate = 2020-01-01\ntags = [\"a\",\n+++\nBody\n").getBytes(StandardCharsets.UTF_8));
        String cursor = head();

        // Atomic (the default): the valid post was published inside the transaction, then rolled back.
        admin().contentType("application/zip").body(Sites.zip(files)).post("/api/admin/import").then().statusCode(422)
                .body("applied", equalTo(false));
        String marker = Posts.createPublished("After the failed import " + s, Map.of()).getString("id");
        await().atMost(SETTLE).until(() -> entriesFor(marker, walk(cursor, 100)).size() == 1);
        assertEquals(List.of(), slugsContaining("kept-" + s, walk(cursor, 100)));

        admin().contentType("application/zip").body(Sites.zip(files)).post("/api/admin/import?mode=partial").then()
                .statusCode(200).body("applied", equalTo(true));
        await().atMost(SETTLE).until(() -> slugsContaining("kept-" + s, walk(cursor, 100)).size() == 1);
        assertEquals(List.of("upsert published"), slugsContaining("kept-" + s, walk(cursor, 100)));
    }

    @Test
    void followingTheNextCursorOfAnEmptyPageMissesNothing() {
        String cursor = head();
        JsonPath empty = content().get("/api/content/changes?since=" + cursor).then().statusCode(200)
                .body("hasMore", equalTo(false)).extract().jsonPath();
        assertEquals(cursor, empty.getString("nextCursor"));
        String id = Posts.createPublished("After an empty page " + unique(), Map.of()).getString("id");
        await().atMost(SETTLE).until(() -> entriesFor(id, walk(empty.getString("nextCursor"), 100)).size() == 1);
    }

    @Test
    void anUnchangedPageAnswers304ToItsETag() {
        String cursor = head();
        String etag = content().get("/api/content/changes?since=" + cursor).then().statusCode(200)
                .extract().header("ETag");
        content().header("If-None-Match", etag).get("/api/content/changes?since=" + cursor).then().statusCode(304);
    }

    @Test
    void aCursorThisServerDidNotMakeIsRefusedNamingSince() {
        for (String bad : List.of("not-a-cursor", encode("c1.-1.0"), encode("c1.00.0"), encode("c2.1.1"),
                // A made-up position in the future: following it would skip what comes before.
                encode("c1.999999999999.0"))) {
            anonymous().get("/api/content/changes?since=" + bad).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("since"));
        }
        anonymous().get("/api/content/changes?since=").then().statusCode(400).body("errors[0].field", equalTo("since"));
        anonymous().get("/api/content/changes?limit=1001").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        anonymous().get("/api/content/changes?limit=many").then().statusCode(400).body("errors[0].field", equalTo("limit"));
        anonymous().get("/api/content/changes?cursor=x").then().statusCode(400).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void aCursorOlderThanTheRetentionAnswers410() {
        String cursor = head();
        String id = Posts.createPublished("Pruned " + unique(), Map.of()).getString("id");
        await().atMost(SETTLE).until(() -> entriesFor(id, walk(cursor, 100)).size() == 1);

        assertTrue(feed.prune(OffsetDateTime.now().plusSeconds(1)) > 0);

        content().get("/api/content/changes?since=" + cursor).then().statusCode(410)
                .contentType("application/problem+json");
        // A full rebuild starts again without since, and its cursor is good from then on.
        String fresh = head();
        content().get("/api/content/changes?since=" + fresh).then().statusCode(200);
        String later = Posts.createPublished("After pruning " + unique(), Map.of()).getString("id");
        await().atMost(SETTLE).until(() -> entriesFor(later, walk(fresh, 100)).size() == 1);
    }

    /**
     * Two transactions commit in the opposite order to the one they wrote in: the later writer's
     * row is committed and visible, yet the feed holds it back until the earlier writer ends, so
     * a reader that follows nextCursor sees both, the earlier writer's first, and skips neither.
     * An id-ordered feed would have returned the second row and then skipped the first for good.
     */
    /**
     * Transaction ids are numbers: 99 comes before 100. (The text of the id, which the answer
     * reads, sorts "100" first; a feed ordered by it went wrong once the ids reached 1000.)
     */
    @Test
    void changesAreOrderedByTransactionIdAsANumber() throws SQLException {
        UUID ninetyNine = UUID.randomUUID();
        UUID hundred = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            insertChangeWithXid(connection, hundred, 100);
            insertChangeWithXid(connection, ninetyNine, 99);
            try {
                String from = Base64.getUrlEncoder().withoutPadding()
                        .encodeToString("c1.98.0".getBytes(StandardCharsets.US_ASCII));
                List<String> order = ids(walk(from, 2)).stream()
                        .filter(id -> id.equals(ninetyNine.toString()) || id.equals(hundred.toString())).toList();
                assertEquals(List.of(ninetyNine.toString(), hundred.toString()), order);
            } finally {
                try (PreparedStatement delete = connection.prepareStatement(
                        "delete from content_change where resource_id in (?, ?)")) {
                    delete.setObject(1, ninetyNine);
                    delete.setObject(2, hundred);
                    delete.executeUpdate();
                }
            }
        }
    }

    private static void insertChangeWithXid(Connection connection, UUID resource, long xid) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into content_change (id, xid, kind, type, resource_id, slug, reason, changed_at)
                values (nextval('content_change_id'), cast(? as xid8), 'upsert', 'post', ?, ?, 'published', now())""")) {
            insert.setString(1, Long.toString(xid));
            insert.setObject(2, resource);
            insert.setString(3, "xid-" + xid + "-" + resource);
            insert.executeUpdate();
        }
    }

    @Test
    void aTransactionCommittingLateIsNotSkipped() throws SQLException {
        String cursor = head();
        UUID slow = UUID.randomUUID();
        UUID fast = UUID.randomUUID();
        try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection();
                Connection observer = dataSource.getConnection()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            insertChange(first, slow);
            insertChange(second, fast);
            second.commit();
            assertEquals(1, count(observer, fast), "the fast writer's row is committed");

            // A page size no other request used, so the answer is read now, not found in the cache.
            JsonPath page = content().get("/api/content/changes?limit=999&since=" + cursor).then().statusCode(200)
                    .extract().jsonPath();
            List<String> seen = page.getList("items.id");
            assertTrue(!seen.contains(fast.toString()) && !seen.contains(slow.toString()),
                    "returned while an earlier transaction was still open: " + seen);
            String next = page.getString("nextCursor");

            first.commit();
            await().atMost(SETTLE).until(() -> ids(walk(next, 1000)).contains(fast.toString()));
            List<String> after = ids(walk(next, 1000));
            assertTrue(after.contains(slow.toString()), "the slow writer's change was skipped");
            assertTrue(after.indexOf(slow.toString()) < after.indexOf(fast.toString()), "the slow writer's change, written first, "
                    + "comes first: " + after);
        }
    }

    private static void saveDraft(String id, String markdown) {
        admin().body(Map.of("markdown", markdown)).patch("/api/admin/posts/" + id).then().statusCode(200);
    }

    /** The cursor after every change there is now. */
    private static String head() {
        String cursor = null;
        while (true) {
            JsonPath page = content().get("/api/content/changes?limit=1000" + (cursor == null ? "" : "&since=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            cursor = page.getString("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return cursor;
            }
        }
    }

    /** Every change after {@code cursor}, page by page. */
    private static List<Map<String, Object>> walk(String cursor, int limit) {
        List<Map<String, Object>> items = new ArrayList<>();
        String since = cursor;
        while (true) {
            JsonPath page = content().get("/api/content/changes?limit=" + limit + "&since=" + since).then()
                    .statusCode(200).extract().jsonPath();
            List<Map<String, Object>> found = page.getList("items");
            assertTrue(found.size() <= limit);
            items.addAll(found);
            since = page.getString("nextCursor");
            if (!page.getBoolean("hasMore")) {
                return items;
            }
        }
    }

    private static List<String> entriesFor(String id, List<Map<String, Object>> items) {
        return items.stream().filter(item -> item.get("id").equals(id))
                .map(item -> item.get("kind") + " " + item.get("type") + " " + item.get("reason") + " " + item.get("slug"))
                .toList();
    }

    private static List<String> slugsContaining(String part, List<Map<String, Object>> items) {
        return items.stream().filter(item -> ((String) item.get("slug")).contains(part))
                .map(item -> item.get("kind") + " " + item.get("reason")).toList();
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(item -> (String) item.get("id")).toList();
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    private static void insertChange(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into content_change (id, kind, type, resource_id, slug, reason, changed_at)
                values (nextval('content_change_id'), 'upsert', 'post', ?, ?, 'published', now())""")) {
            insert.setObject(1, id);
            insert.setString(2, "concurrent-" + id);
            insert.executeUpdate();
        }
    }

    private static int count(Connection connection, UUID id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "select count(*) from content_change where resource_id = ?")) {
            select.setObject(1, id);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
