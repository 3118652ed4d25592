package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DraftLifecycleTest {

    @Test
    void draftIsInvisibleToContentApi() {
        String tag = "secret-" + unique();
        Map<String, Object> body = Posts.draft("Draft " + tag);
        body.put("tags", List.of(tag));
        String slug = Posts.create(body).getString("slug");

        content().get("/api/content/posts/" + slug).then().statusCode(404)
                .contentType("application/problem+json");
        content().get("/api/content/posts?tag=" + tag).then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty())
                .body("pagination.total", equalTo(0));
        content().get("/api/content/tags/" + tag).then().statusCode(404);
    }

    @Test
    void publishShowsPostAndLaterEditsStayInvisibleUntilPublishedAgain() {
        String tag = "cycle-" + unique();
        Map<String, Object> body = Posts.draft("Lifecycle " + tag);
        body.put("tags", List.of(tag));
        JsonPath created = Posts.create(body);
        String id = created.getString("id");
        String slug = created.getString("slug");

        Posts.publish(id);
        content().get("/api/content/posts/" + slug).then().statusCode(200)
                .body("title", equalTo("Lifecycle " + tag))
                .body("html", containsString("<strong>bold</strong>"));
        content().get("/api/content/posts?tag=" + tag).then().statusCode(200)
                .body("pagination.total", equalTo(1))
                .body("items[0].slug", equalTo(slug));
        content().get("/api/content/tags/" + tag).then().statusCode(200).body("postCount", equalTo(1));

        admin().body(Map.of("title", "Edited " + tag, "markdown", "Changed body"))
                .patch("/api/admin/posts/" + id).then().statusCode(200)
                .body("hasUnpublishedChanges", equalTo(true))
                .body("status", equalTo("published"));
        content().get("/api/content/posts/" + slug).then().statusCode(200)
                .body("title", equalTo("Lifecycle " + tag))
                .body("html", not(containsString("Changed body")));

        Posts.publish(id);
        content().get("/api/content/posts/" + slug).then().statusCode(200)
                .body("title", equalTo("Edited " + tag))
                .body("html", containsString("Changed body"));
        admin().get("/api/admin/posts/" + id).then().body("hasUnpublishedChanges", equalTo(false));
    }

    @Test
    void editThatRestoresThePublishedTextClearsTheUnpublishedFlag() {
        JsonPath created = Posts.createPublished("Round trip " + unique(), Map.of());
        String id = created.getString("id");
        admin().body(Map.of("markdown", "Other")).patch("/api/admin/posts/" + id).then()
                .body("hasUnpublishedChanges", equalTo(true));
        admin().body(Map.of("markdown", created.getString("markdown"))).patch("/api/admin/posts/" + id).then()
                .body("hasUnpublishedChanges", equalTo(false));
    }

    @Test
    void discardChangesBringsBackTheLiveVersion() {
        String tag = "discard-" + unique();
        JsonPath created = Posts.createPublished("Discard " + tag, Map.of("tags", List.of(tag)));
        String id = created.getString("id");
        admin().body(Map.of("title", "Unwanted edit", "tags", List.of())).patch("/api/admin/posts/" + id)
                .then().statusCode(200);

        admin().post("/api/admin/posts/" + id + "/discard-changes").then().statusCode(200)
                .body("title", equalTo("Discard " + tag))
                .body("tags.slug", hasItem(tag))
                .body("hasUnpublishedChanges", equalTo(false));
    }

    @Test
    void discardChangesOnADraftIs409() {
        String id = Posts.create(Posts.draft("Never published")).getString("id");
        admin().post("/api/admin/posts/" + id + "/discard-changes").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void schedulingALivePostIs409AndChangesNothing() {
        JsonPath live = Posts.createPublished("Live " + unique(), Map.of());
        io.inkwell.support.Api.adminWithBadInput().contentType("application/json")
                .body(Map.of("publishAt", Instant.now().plus(1, ChronoUnit.DAYS).toString()))
                .post("/api/admin/posts/" + live.getString("id") + "/publish").then().statusCode(409)
                .contentType("application/problem+json");
        admin().get("/api/admin/posts/" + live.getString("id")).then()
                .body("status", equalTo("published"))
                .body("version", equalTo(live.getInt("version")));
    }

    @Test
    void unpublishHidesThePost() {
        JsonPath created = Posts.createPublished("Unpublish " + unique(), Map.of());
        String slug = created.getString("slug");
        content().get("/api/content/posts/" + slug).then().statusCode(200);

        admin().body("{}").post("/api/admin/posts/" + created.getString("id") + "/unpublish").then()
                .statusCode(200).body("status", equalTo("draft"));
        content().get("/api/content/posts/" + slug).then().statusCode(404);
    }

    @Test
    void postScheduledTwoSecondsAheadAppearsByItself() throws InterruptedException {
        String id = Posts.create(Posts.draft("Scheduled " + unique())).getString("id");
        String publishAt = Instant.now().plus(2, ChronoUnit.SECONDS).toString();
        JsonPath scheduled = admin().body(Map.of("publishAt", publishAt))
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("scheduled")).extract().jsonPath();
        String slug = scheduled.getString("slug");
        content().get("/api/content/posts/" + slug).then().statusCode(404);

        int status = waitForStatus("/api/content/posts/" + slug, 200, 15);
        assertEquals(200, status, "the scheduled post did not go live by itself");
        admin().get("/api/admin/posts/" + id).then().body("status", equalTo("published"));
        assertTrue(Instant.parse(content().get("/api/content/posts/" + slug).jsonPath().getString("publishedAt"))
                .isBefore(Instant.now().plusSeconds(1)));
    }

    @Test
    void scheduledPostWhoseWindowHasPassedNeverStaysLive() throws InterruptedException {
        Instant at = Instant.now().plus(1, ChronoUnit.SECONDS);
        Map<String, Object> body = Posts.draft("Brief " + unique());
        body.put("status", "scheduled");
        body.put("publishedAt", at.toString());
        body.put("unpublishAt", at.plusMillis(1).toString());
        JsonPath post = Posts.create(body);

        Thread.sleep(3500);
        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(404);
        admin().get("/api/admin/posts/" + post.getString("id")).then().body("status", equalTo("draft"));
    }

    @Test
    void publishWithAnOversizedBodyOfAnyTypeIs413() {
        String id = Posts.create(Posts.draft("Big body " + unique())).getString("id");
        io.inkwell.support.Api.adminWithBadInput().contentType("text/plain").body("x".repeat(2 * 1024 * 1024))
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(413);
        admin().get("/api/admin/posts/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    void scheduledUnpublishTakesThePostDownByItself() throws InterruptedException {
        JsonPath created = Posts.createPublished("Expiring " + unique(), Map.of());
        String at = Instant.now().plus(2, ChronoUnit.SECONDS).toString();
        admin().body(Map.of("at", at)).post("/api/admin/posts/" + created.getString("id") + "/unpublish")
                .then().statusCode(200).body("status", equalTo("published")).body("unpublishAt", org.hamcrest.Matchers.notNullValue());

        assertEquals(404, waitForStatus("/api/content/posts/" + created.getString("slug"), 404, 15));
    }

    @Test
    void scheduledUnpublishCanBeCancelledOrMovedWithPatch() {
        JsonPath live = Posts.createPublished("Stays up " + unique(), Map.of());
        String id = live.getString("id");
        admin().body(Map.of("at", Instant.now().plus(1, ChronoUnit.HOURS).toString()))
                .post("/api/admin/posts/" + id + "/unpublish").then().statusCode(200);

        String later = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
        admin().body(Map.of("unpublishAt", later)).patch("/api/admin/posts/" + id).then().statusCode(200)
                .body("unpublishAt", equalTo(later));

        java.util.Map<String, Object> cancel = new java.util.HashMap<>();
        cancel.put("unpublishAt", null);
        admin().body(cancel).patch("/api/admin/posts/" + id).then().statusCode(200)
                .body("unpublishAt", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo("published"))
                .body("hasUnpublishedChanges", equalTo(false));
        io.inkwell.support.Api.adminWithBadInput().contentType("application/json")
                .body(Map.of("unpublishAt", "2001-01-01T00:00:00Z")).patch("/api/admin/posts/" + id).then()
                .statusCode(422).body("errors[0].field", equalTo("unpublishAt"));
        content().get("/api/content/posts/" + live.getString("slug")).then().statusCode(200);
    }

    @Test
    void oldSlugRedirectsToTheNewOneOncePublished() {
        JsonPath created = Posts.createPublished("Moving " + unique(), Map.of());
        String id = created.getString("id");
        String oldSlug = created.getString("slug");
        String newSlug = oldSlug + "-moved";
        admin().body(Map.of("slug", newSlug)).patch("/api/admin/posts/" + id).then().statusCode(200);
        Posts.publish(id);

        content().redirects().follow(false).get("/api/content/posts/" + oldSlug).then().statusCode(301)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/content/posts/" + newSlug));
        content().get("/api/content/posts/" + newSlug).then().statusCode(200);
    }

    @Test
    void pagesAreServedUnderPagesOnly() {
        Map<String, Object> body = Posts.draft("About " + unique());
        body.put("type", "page");
        body.put("status", "published");
        String slug = Posts.create(body).getString("slug");

        content().get("/api/content/pages/" + slug).then().statusCode(200).body("type", equalTo("page"));
        content().get("/api/content/posts/" + slug).then().statusCode(404);
    }

    @Test
    void contentResponsesCarryAnEtagAndAnswer304() {
        String slug = Posts.createPublished("Cached " + unique(), Map.of()).getString("slug");
        String etag = content().get("/api/content/posts/" + slug).then().statusCode(200)
                .header("Cache-Control", containsString("public")).extract().header("ETag");

        content().header("If-None-Match", etag).get("/api/content/posts/" + slug).then().statusCode(304);
    }

    private static int waitForStatus(String path, int expected, int seconds) throws InterruptedException {
        int status = -1;
        for (int i = 0; i < seconds * 4; i++) {
            status = content().get(path).statusCode();
            if (status == expected) {
                return status;
            }
            Thread.sleep(250);
        }
        return status;
    }
}
