package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.adminWithoutContentType;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.MovableClock;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Preview links: the working copy of one post, to whoever holds the link, until it expires. */
@QuarkusTest
class PostPreviewTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void backToTheRealTime() {
        clock.reset();
    }

    @Test
    void draftIsVisibleThroughItsPreviewButNotThroughTheContentApi() {
        String tag = "preview-" + unique();
        Map<String, Object> body = Posts.draft("Preview " + tag);
        body.put("tags", List.of(tag));
        body.put("authors", List.of("Preview Author " + tag));
        body.put("meta", Map.of("series", "previews"));
        JsonPath draft = Posts.create(body);
        String id = draft.getString("id");

        Instant before = Instant.now();
        Response created = admin().post("/api/admin/posts/" + id + "/preview").then().statusCode(201)
                .header("Cache-Control", "no-store")
                .body("postId", equalTo(id))
                .extract().response();
        JsonPath link = created.jsonPath();
        assertEquals(link.getString("url"), created.header("Location"));
        assertTrue(link.getString("url").endsWith("/api/content/preview/" + link.getString("token")));
        Instant expiresAt = Instant.parse(link.getString("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofHours(24)).truncatedTo(ChronoUnit.SECONDS))
                && !expiresAt.isAfter(Instant.now().plus(Duration.ofHours(24))), "a day by default: " + expiresAt);

        Response preview = content().get(path(link)).then().statusCode(200)
                .contentType(ContentType.JSON)
                .header("Cache-Control", "private, no-store")
                .header("ETag", nullValue())
                .body("id", equalTo(id))
                .body("type", equalTo("post"))
                .body("slug", equalTo(draft.getString("slug")))
                .body("title", equalTo("Preview " + tag))
                .body("html", containsString("<strong>bold</strong>"))
                .body("tags[0].slug", equalTo(tag))
                .body("authors[0].name", equalTo("Preview Author " + tag))
                .body("meta.series", equalTo("previews"))
                .body("publishedAt", nullValue())
                .extract().response();
        assertEquals(Instant.parse(draft.getString("updatedAt")), Instant.parse(preview.jsonPath().getString("updatedAt")));

        content().get("/api/content/posts/" + draft.getString("slug")).then().statusCode(404);
        content().get("/api/content/posts?tag=" + tag).then().statusCode(200).body("pagination.total", equalTo(0));
    }

    @Test
    void previewOfAPublishedPostShowsItsWorkingCopyInTheShapeOfTheLiveOne() {
        JsonPath published = Posts.createPublished("Live " + unique(), Map.of("tags", List.of("shape-" + unique())));
        String id = published.getString("id");
        String slug = published.getString("slug");
        JsonPath link = createPreview(id);

        Map<String, Object> live = content().get("/api/content/posts/" + slug).then().statusCode(200)
                .extract().jsonPath().getMap("$");
        Map<String, Object> previewed = content().get(path(link)).then().statusCode(200).extract().jsonPath().getMap("$");
        assertEquals(live.keySet(), previewed.keySet());
        live.remove("updatedAt");
        previewed.remove("updatedAt");
        assertEquals(live, previewed, "no edits yet: the working copy reads as the live post");

        admin().body(Map.of("title", "Edited, not published")).patch("/api/admin/posts/" + id).then().statusCode(200);
        content().get(path(link)).then().statusCode(200).body("title", equalTo("Edited, not published"));
        content().get("/api/content/posts/" + slug).then().statusCode(200).body("title", equalTo(published.getString("title")));
    }

    @Test
    void previewFollowsLaterEditsOfTheDraft() {
        String id = Posts.create(Posts.draft("First words " + unique())).getString("id");
        JsonPath link = createPreview(id);
        content().get(path(link)).then().statusCode(200).body("html", containsString("First words"));

        admin().body(Map.of("title", "Second thoughts", "markdown", "Rewritten *entirely*.", "slug", "second-" + unique()))
                .patch("/api/admin/posts/" + id).then().statusCode(200);

        content().get(path(link)).then().statusCode(200)
                .body("title", equalTo("Second thoughts"))
                .body("slug", containsString("second-"))
                .body("html", containsString("<em>entirely</em>"));
    }

    @Test
    void scheduledPostCanBePreviewedBeforeItGoesLive() {
        Instant at = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = Posts.draft("Coming soon " + unique());
        body.put("status", "scheduled");
        body.put("publishedAt", at.toString());
        JsonPath scheduled = Posts.create(body);

        JsonPath link = createPreview(scheduled.getString("id"));
        Response preview = content().get(path(link)).then().statusCode(200)
                .body("title", equalTo(scheduled.getString("title"))).extract().response();
        assertEquals(at, Instant.parse(preview.jsonPath().getString("publishedAt")));
        content().get("/api/content/posts/" + scheduled.getString("slug")).then().statusCode(404);
    }

    @Test
    void pagesArePreviewedAsPages() {
        Map<String, Object> body = Posts.draft("About us " + unique());
        body.put("type", "page");
        JsonPath page = Posts.create(body);

        content().get(path(createPreview(page.getString("id")))).then().statusCode(200)
                .body("type", equalTo("page"))
                .body("slug", equalTo(page.getString("slug")));
        content().get("/api/content/pages/" + page.getString("slug")).then().statusCode(404);
    }

    @Test
    void aTokenForOnePostCannotBeAlteredToShowAnother() {
        String mine = Posts.create(Posts.draft("Mine " + unique())).getString("id");
        String theirs = Posts.create(Posts.draft("Theirs " + unique())).getString("id");
        String token = createPreview(mine).getString("token");

        // The same bytes with the other post's id in place of this one's, and a later expiry.
        byte[] bytes = Base64.getUrlDecoder().decode(token);
        UUID other = UUID.fromString(theirs);
        ByteBuffer.wrap(bytes).position(1).putLong(other.getMostSignificantBits()).putLong(other.getLeastSignificantBits());
        String otherPost = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        bytes = Base64.getUrlDecoder().decode(token);
        ByteBuffer.wrap(bytes).putLong(17, Instant.now().plus(365, ChronoUnit.DAYS).getEpochSecond());
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        char last = token.charAt(token.length() - 1);
        String otherSignature = token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');

        String otherCharacter = token.substring(0, 10) + (token.charAt(10) == '-' ? '_' : '-') + token.substring(11);

        for (String forged : List.of(otherPost, later, otherSignature, otherCharacter, token.substring(1), token + "A",
                "not-a-token")) {
            content().get("/api/content/preview/" + forged).then().statusCode(404)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Not Found"));
        }
        content().get("/api/content/preview/" + token).then().statusCode(200).body("id", equalTo(mine));
    }

    @Test
    void expiredPreviewIsGoneWith410() {
        String id = Posts.create(Posts.draft("Short-lived " + unique())).getString("id");
        JsonPath link = admin().body(Map.of("expiresInSeconds", 60)).post("/api/admin/posts/" + id + "/preview")
                .then().statusCode(201).extract().jsonPath();
        Instant expiresAt = Instant.parse(link.getString("expiresAt"));
        assertTrue(Duration.between(Instant.now(), expiresAt).toSeconds() <= 60);
        content().get(path(link)).then().statusCode(200);

        clock.advance(Duration.ofSeconds(61));

        content().get(path(link)).then().statusCode(410)
                .contentType("application/problem+json")
                .body("status", equalTo(410))
                .body("title", equalTo("Gone"))
                .body("detail", containsString("expired"));
    }

    @Test
    void previewOfADeletedPostIs404() {
        String id = Posts.create(Posts.draft("Doomed " + unique())).getString("id");
        JsonPath link = createPreview(id);
        content().get(path(link)).then().statusCode(200);

        admin().delete("/api/admin/posts/" + id).then().statusCode(204);

        content().get(path(link)).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void creatingAPreviewNeedsAToken() {
        String id = Posts.create(Posts.draft("Guarded " + unique())).getString("id");
        anonymous().post("/api/admin/posts/" + id + "/preview").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void previewOfAnUnknownPostIs404() {
        admin().post("/api/admin/posts/" + UUID.randomUUID() + "/preview").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aBarePostWithoutBodyOrContentTypeGetsADayLongLink() {
        String id = Posts.create(Posts.draft("Bare curl " + unique())).getString("id");
        HttpResponse<String> response = adminWithoutContentType("POST", "/api/admin/posts/" + id + "/preview", null);
        assertEquals(201, response.statusCode(), response.body());
        JsonPath link = JsonPath.from(response.body());
        long hours = Duration.between(Instant.now(), Instant.parse(link.getString("expiresAt"))).toHours();
        assertEquals(23, hours, "just under 24 hours left");
        content().get(path(link)).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void lifetimeIsChosenWithinSevenDays() {
        String id = Posts.create(Posts.draft("Week " + unique())).getString("id");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonPath link = admin().body(Map.of("expiresInSeconds", 604800)).post("/api/admin/posts/" + id + "/preview")
                .then().statusCode(201).extract().jsonPath();
        Instant expiresAt = Instant.parse(link.getString("expiresAt"));
        assertTrue(!expiresAt.isBefore(before.plus(Duration.ofDays(7))), expiresAt.toString());

        clock.advance(Duration.ofDays(6));
        content().get(path(link)).then().statusCode(200);
    }

    @Test
    void invalidBodyIsRefusedNamingTheField() {
        String id = Posts.create(Posts.draft("Picky " + unique())).getString("id");
        String preview = "/api/admin/posts/" + id + "/preview";
        for (String tooShortOrLong : List.of("{\"expiresInSeconds\": 0}", "{\"expiresInSeconds\": 59}",
                "{\"expiresInSeconds\": -5}", "{\"expiresInSeconds\": 604801}")) {
            adminWithBadInput().contentType(ContentType.JSON).body(tooShortOrLong).post(preview).then().statusCode(422)
                    .contentType("application/problem+json")
                    .body("errors.field", equalTo(List.of("expiresInSeconds")))
                    .body("errors[0].message", containsString("7 days"));
        }
        for (String unreadable : List.of("{\"expiresInSeconds\": \"3600\"}", "{\"expiresInSeconds\": 60.5}",
                "{\"expiresInSeconds\": true}", "{\"expiresInSeconds\": 99999999999}", "{\"expiresIn\": 3600}",
                "[60]", "{\"expiresInSeconds\": 60")) {
            adminWithBadInput().contentType(ContentType.JSON).body(unreadable).post(preview).then().statusCode(400)
                    .contentType("application/problem+json");
        }
        adminWithBadInput().contentType(ContentType.JSON).body("{\"expiresIn\": 3600}").post(preview).then()
                .statusCode(400).body("errors[0].field", equalTo("expiresIn"));
        adminWithBadInput().contentType(ContentType.JSON).body("{\"expiresInSeconds\": \"3600\"}").post(preview).then()
                .statusCode(400).body("errors[0].field", equalTo("expiresInSeconds"));
    }

    @Test
    void frontendUrlIsTheConfiguredTemplateFilledIn() {
        JsonPath post = Posts.create(Posts.draft("Frontend " + unique()));
        JsonPath link = createPreview(post.getString("id"));
        // %test.inkwell.preview.frontend-url in application.properties
        assertEquals("https://blog.example/api/draft?token=" + link.getString("token") + "&slug=" + post.getString("slug")
                + "&type=post", link.getString("frontendUrl"));
    }

    @Test
    void unknownQueryParametersAreRefused() {
        String id = Posts.create(Posts.draft("Query " + unique())).getString("id");
        JsonPath link = createPreview(id);
        anonymous().get(path(link) + "?slug=other").then().statusCode(400).body("errors[0].field", equalTo("slug"));
    }

    private static JsonPath createPreview(String postId) {
        return admin().post("/api/admin/posts/" + postId + "/preview").then().statusCode(201).extract().jsonPath();
    }

    /** The link's path: the tests call the server at its test port, whatever host the link names. */
    private static String path(JsonPath link) {
        String url = link.getString("url");
        assertNull(URI.create(url).getQuery());
        return URI.create(url).getRawPath();
    }
}
