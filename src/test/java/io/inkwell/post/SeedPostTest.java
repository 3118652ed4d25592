package io.inkwell.post;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Images;
import io.inkwell.support.Sites;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Hugo post the project started from, entered as JSON, comes out of the Content API intact. */
@QuarkusTest
class SeedPostTest {

    private static final Path SEED = Path.of("src", "test", "resources", "seeds", "pycon-pune-2017.md");
    private static final List<String> TERMS = List.of("rtnpro", "python", "pycon", "pyconpune", "pycon in india");

    @Test
    void seedPostRoundTripsThroughTheContentApi() throws IOException {
        deleteSeedPost();
        String file = Files.readString(SEED);
        // The body is everything after the closing +++ of the TOML front matter.
        String body = file.substring(file.indexOf("+++", 3) + 3);
        Map<String, Object> post = new LinkedHashMap<>();
        post.put("title", "Pycon Pune 2017");
        post.put("slug", "pycon-pune-2017");
        post.put("markdown", body);
        post.put("authors", List.of("Ratnadeep Debnath"));
        post.put("tags", TERMS);
        post.put("categories", TERMS);
        post.put("publishedAt", "2017-02-21T09:02:03Z");
        post.put("status", "published");
        post.put("meta", Map.of("image", "/images/2017/02/pycon-pune-2017.jpg", "description", ""));
        JsonPath created = admin().body(post).post("/api/admin/posts").then().statusCode(201).extract().jsonPath();
        assertEquals(body, created.getString("markdown"), "the Markdown source is kept byte for byte");

        JsonPath live = content().get("/api/content/posts/pycon-pune-2017").then().statusCode(200)
                .body("title", equalTo("Pycon Pune 2017"))
                .body("slug", equalTo("pycon-pune-2017"))
                .body("publishedAt", equalTo("2017-02-21T09:02:03Z"))
                .body("authors[0].name", equalTo("Ratnadeep Debnath"))
                .body("html", containsString("<a href=\"http://pune.pycon.org\">Pycon Pune</a>"))
                .body("html", containsString("<strong>What I liked about the conference</strong>"))
                .body("html", containsString("<li>Single track: it was easier to focus</li>"))
                .extract().jsonPath();
        assertEquals(TERMS, live.getList("tags.name"));
        assertEquals(TERMS, live.getList("categories.name"));
        assertEquals(List.of("rtnpro", "python", "pycon", "pyconpune", "pycon-in-india"), live.getList("tags.slug"));
        assertEquals(3, live.getString("html").split("<ul>", -1).length - 1, "three bulleted lists");

        content().get("/api/content/posts?tag=pycon-in-india").then().statusCode(200)
                .body("items.slug", org.hamcrest.Matchers.hasItem("pycon-pune-2017"));
        content().get("/api/content/authors/ratnadeep-debnath").then().statusCode(200)
                .body("name", equalTo("Ratnadeep Debnath"));
    }

    @Test
    void importedSeedKeepsItsMissingCoverAsASitePathUntilAnImportBringsTheImage() throws IOException {
        deleteSeedPost();
        byte[] seed = Files.readAllBytes(SEED);
        JsonPath report = importSite(Map.of("content/posts/pycon-pune-2017.md", seed));
        assertEquals("created", report.getString("files[0].action"));
        assertTrue(report.getList("files[0].warnings.message", String.class).stream()
                .anyMatch(w -> w.contains(COVER) && w.contains("kept as a URL")), report.prettify());

        JsonPath post = adminSeedPost();
        assertEquals(COVER, post.getString("featureImage.url"), "the cover stays a path on the site");
        assertNull(post.get("featureImage.imageId"));
        content().get("/api/content/posts/pycon-pune-2017").then().statusCode(200)
                .body("featureImage.url", equalTo(COVER));

        // The next import of the site brings the image: the post now shows the uploaded one.
        byte[] cover = Images.solidJpeg(640, 360, Color.ORANGE);
        JsonPath again = importSite(Map.of("content/posts/pycon-pune-2017.md", seed, "static" + COVER, cover));
        assertEquals("updated", again.getString("files[0].action"), again.prettify());
        assertEquals(List.of(), again.getList("files[0].warnings"));
        JsonPath updated = adminSeedPost();
        assertNotNull(updated.getString("featureImage.imageId"));
        assertEquals(640, updated.getInt("featureImage.width"));
        assertTrue(updated.getString("featureImage.url").startsWith("/media/"), updated.getString("featureImage.url"));
        content().get("/api/content/posts/pycon-pune-2017").then().statusCode(200)
                .body("featureImage.url", startsWith("/media/"))
                .body("featureImage.width", equalTo(640));
    }

    @Test
    void importedSeedIsDatedByItsSourceUntilAnAdminEdit() throws IOException {
        deleteSeedPost();
        OffsetDateTime before = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5);
        importSite(Map.of("content/posts/pycon-pune-2017.md", Files.readAllBytes(SEED)));

        // The seed has no lastmod, so its date is when its content last changed (as in Hugo).
        JsonPath post = adminSeedPost();
        assertEquals("2017-02-21T09:02:03Z", post.getString("updatedAt"));
        assertTrue(OffsetDateTime.parse(post.getString("createdAt")).isAfter(before), "createdAt: when it was imported");
        content().get("/api/content/posts/pycon-pune-2017").then().statusCode(200)
                .body("publishedAt", equalTo("2017-02-21T09:02:03Z"))
                .body("updatedAt", equalTo("2017-02-21T09:02:03Z"));

        // An edit through the Admin API (with the ETag it was given) is a change made now.
        String etag = admin().get("/api/admin/posts/" + post.getString("id")).then().statusCode(200)
                .extract().header("ETag");
        JsonPath edited = admin().header("If-Match", etag).body(Map.of("title", "Pycon Pune 2017, revisited"))
                .patch("/api/admin/posts/" + post.getString("id")).then().statusCode(200).extract().jsonPath();
        assertTrue(OffsetDateTime.parse(edited.getString("updatedAt")).isAfter(before), edited.getString("updatedAt"));
        assertEquals(post.getLong("version") + 1, edited.getLong("version"));
        admin().header("If-Match", etag).body(Map.of("title", "Stale")).patch("/api/admin/posts/" + post.getString("id"))
                .then().statusCode(412);
        admin().post("/api/admin/posts/" + post.getString("id") + "/publish").then().statusCode(200);
        String live = content().get("/api/content/posts/pycon-pune-2017").then().statusCode(200)
                .body("title", equalTo("Pycon Pune 2017, revisited")).extract().path("updatedAt");
        assertTrue(OffsetDateTime.parse(live).isAfter(before), live);
    }

    private static final String COVER = "/images/2017/02/pycon-pune-2017.jpg";

    /** The slug is the seed's own, so a database kept from an earlier run (or test) may have it already. */
    private static void deleteSeedPost() {
        for (String id : admin().get("/api/admin/posts?slug=pycon-pune-2017").jsonPath().getList("items.id", String.class)) {
            admin().delete("/api/admin/posts/" + id).then().statusCode(204);
        }
    }

    private static JsonPath importSite(Map<String, byte[]> files) {
        return admin().contentType("application/zip").body(Sites.zip(files))
                .post("/api/admin/import?source=seed-" + unique()).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath adminSeedPost() {
        String id = admin().get("/api/admin/posts?slug=pycon-pune-2017").jsonPath().getString("items[0].id");
        return admin().get("/api/admin/posts/" + id).then().statusCode(200).extract().jsonPath();
    }
}
