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
import static org.awaitility.Awaitility.await;

import io.inkwell.support.MovableClock;
import io.inkwell.support.Posts;
import jakarta.inject.Inject;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DraftLifecycleTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void backToTheRealTime() {
        clock.reset();
    }


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
    void postScheduledAnHourAheadAppearsByItselfAnHourLater() {
        String id = Posts.create(Posts.draft("Scheduled " + unique())).getString("id");
        Instant publishAt = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        JsonPath scheduled = admin().body(Map.of("publishAt", publishAt.toString()))
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(200)
                .body("status", equalTo("scheduled")).extract().jsonPath();
        String slug = scheduled.getString("slug");
        content().get("/api/content/posts/" + slug).then().statusCode(404);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> content().get("/api/content/posts/" + slug).statusCode() == 200);
        admin().get("/api/admin/posts/" + id).then().body("status", equalTo("published"));
        assertEquals(publishAt, Instant.parse(content().get("/api/content/posts/" + slug).jsonPath().getString("publishedAt")));
    }

    @Test
    void scheduledPostWhoseWindowHasPassedNeverStaysLive() {
        Instant at = Instant.now().plus(1, ChronoUnit.HOURS);
        Map<String, Object> body = Posts.draft("Brief " + unique());
        body.put("status", "scheduled");
        body.put("publishedAt", at.toString());
        body.put("unpublishAt", at.plusMillis(1).toString());
        JsonPath post = Posts.create(body);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                admin().get("/api/admin/posts/" + post.getString("id")).jsonPath().getString("status").equals("draft"));
        content().get("/api/content/posts/" + post.getString("slug")).then().statusCode(404);
    }

    @Test
    void publishWithAnOversizedBodyOfAnyTypeIs413() {
        String id = Posts.create(Posts.draft("Big body " + unique())).getString("id");
        io.inkwell.support.Api.adminWithBadInput().contentType("text/plain").body("x".repeat(2 * 1024 * 1024))
                .post("/api/admin/posts/" + id + "/publish").then().statusCode(413);
        admin().get("/api/admin/posts/" + id).then().body("status", equalTo("draft"));
    }

    @Test
    void scheduledUnpublishTakesThePostDownByItself() {
        JsonPath created = Posts.createPublished("Expiring " + unique(), Map.of());
        String at = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        admin().body(Map.of("at", at)).post("/api/admin/posts/" + created.getString("id") + "/unpublish")
                .then().statusCode(200).body("status", equalTo("published")).body("unpublishAt", org.hamcrest.Matchers.notNullValue());
        content().get("/api/content/posts/" + created.getString("slug")).then().statusCode(200);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> content().get("/api/content/posts/" + created.getString("slug")).statusCode() == 404);
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
}
