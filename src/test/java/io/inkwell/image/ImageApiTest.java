package io.inkwell.image;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminMultipart;
import static io.inkwell.support.Api.adminWithBadInput;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImageApiTest {

    @Inject
    ImageService imageService;

    @Inject
    EntityManager entityManager;

    @Test
    void cameraPhotoIsServedUprightWithoutLocation() throws Exception {
        JsonPath image = uploadForm("photo-exif-orientation6-gps.jpg", Images.fixture("photo-exif-orientation6-gps.jpg"))
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/admin/images/[0-9a-f-]{36}$"))
                .body("format", equalTo("jpeg"))
                .body("width", equalTo(400))
                .body("height", equalTo(600))
                .body("dominantColor", matchesPattern("#[0-9a-f]{6}"))
                .body("placeholder", not(equalTo("")))
                .body("variants.width", equalTo(List.of(320)))
                .extract().jsonPath();

        byte[] original = media(image.getString("url")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertUprightWithoutLocation(original, 400, 600);

        byte[] variant = media(image.getString("variants[0].url")).then().statusCode(200)
                .contentType("image/jpeg").extract().asByteArray();
        assertUprightWithoutLocation(variant, 320, 480);
    }

    @Test
    void pngWithTransparencyStaysPngInItsVariants() {
        byte[] png = Images.halfTransparentPng(800, 400, Color.GREEN);
        JsonPath image = uploadRaw(png, "image/png", "logo-" + unique() + ".png").then().statusCode(201)
                .body("format", equalTo("png"))
                .body("width", equalTo(800))
                .extract().jsonPath();

        byte[] variant = media(image.getString("url") + "?w=320").then().statusCode(200)
                .contentType("image/png").extract().asByteArray();
        BufferedImage decoded = Images.decode(variant);
        assertEquals(320, decoded.getWidth());
        assertEquals(160, decoded.getHeight());
        assertEquals(0, Images.alpha(decoded.getRGB(10, 80)), "left half stays transparent");
        assertEquals(255, Images.alpha(decoded.getRGB(300, 80)), "right half stays opaque");
    }

    @Test
    void variantsAreNeverUpscaled() {
        JsonPath image = uploadRaw(Images.fixture("transparent.png"), "image/png", "small.png").then().statusCode(201)
                .body("variants", org.hamcrest.Matchers.empty()).extract().jsonPath();
        byte[] asked = media(image.getString("url") + "?w=640").then().statusCode(200).extract().asByteArray();
        assertEquals(300, Images.decode(asked).getWidth());
    }

    @Test
    void animatedGifIsServedAsUploadedAndItsVariantsUseTheFirstFrame() {
        byte[] gif = Images.animatedGif(640, 100, Color.RED, Color.BLUE, new Color(unique().hashCode() & 0xFFFFFF));
        JsonPath image = uploadRaw(gif, "image/gif", "anim.gif").then().statusCode(201)
                .body("format", equalTo("gif"))
                .body("animated", equalTo(true))
                .extract().jsonPath();

        byte[] original = media(image.getString("url")).then().statusCode(200).contentType("image/gif")
                .extract().asByteArray();
        assertArrayEquals(gif, original);
        assertEquals(3, Images.frameCount(original));

        byte[] variant = media(image.getString("url") + "?w=320").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        BufferedImage first = Images.decode(variant);
        assertEquals(320, first.getWidth());
        assertTrue(Images.isReddish(first.getRGB(160, 25)), "the variant shows the first frame");
    }

    @Test
    void twentyFiveMegapixelPngIsAcceptedAndResized() {
        byte[] png = Images.framedPng(5000, 5000, new Color(unique().hashCode() & 0xFFFFFF), Color.ORANGE);
        JsonPath image = uploadRaw(png, "image/png", "large.png").then().statusCode(201)
                .body("width", equalTo(5000))
                .body("height", equalTo(5000))
                .body("placeholder", not(equalTo("")))
                .extract().jsonPath();

        assertArrayEquals(png, media(image.getString("url")).then().statusCode(200).extract().asByteArray());
        byte[] variant = media(image.getString("url") + "?w=1920").then().statusCode(200).contentType("image/png")
                .extract().asByteArray();
        assertEquals(1920, Images.decode(variant).getWidth());
    }

    @Test
    void webpIsAccepted() {
        uploadForm("photo.webp", Images.fixture("photo.webp")).then().statusCode(201)
                .body("format", equalTo("webp"))
                .body("width", equalTo(320))
                .body("height", equalTo(240));
    }

    @Test
    void sameBytesTwiceAreOneImageAndAVariantIsMadeOnce() {
        byte[] jpeg = Images.solidJpeg(1000, 500, new Color(unique().hashCode() & 0xFFFFFF));
        String id = uploadRaw(jpeg, "image/jpeg", "once.jpg").then().statusCode(201).extract().path("id");
        long before = imageCount();
        uploadRaw(jpeg, "image/jpeg", "again.jpg").then().statusCode(200).body("id", equalTo(id));
        assertEquals(before, imageCount());

        String url = admin().get("/api/admin/images/" + id).jsonPath().getString("url") + "?w=640";
        long generated = imageService.variantsGenerated();
        byte[] first = media(url).then().statusCode(200).extract().asByteArray();
        byte[] second = media(url).then().statusCode(200).extract().asByteArray();
        assertEquals(generated + 1, imageService.variantsGenerated(), "the second request reuses the variant");
        assertArrayEquals(first, second);
        assertEquals(640, Images.decode(first).getWidth());
    }

    @Test
    void badFilesAreRefusedAndChangeNothing() {
        long images = imageCount();
        long blobs = blobCount();

        adminWithBadInput().multiPart("file", "x.jpg", Images.fixture("fake.jpg"), "image/jpeg")
                .post("/api/admin/images").then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("not a JPEG, PNG, GIF or WebP"));
        adminWithBadInput().contentType("image/jpeg").body(Images.fixture("truncated.jpg"))
                .post("/api/admin/images").then().statusCode(422).body("detail", containsString("truncated"));
        adminWithBadInput().contentType("application/octet-stream").body(Images.fixture("random.bin"))
                .post("/api/admin/images").then().statusCode(415);
        adminWithBadInput().contentType("image/png").body(Images.fixture("pixel-bomb.png"))
                .post("/api/admin/images").then().statusCode(422).body("detail", containsString("30000 x 30000"));
        adminWithBadInput().multiPart("file", "drawing.svg", Images.fixture("drawing.svg"), "image/svg+xml")
                .post("/api/admin/images").then().statusCode(415).body("detail", containsString("SVG"));
        byte[] huge = new byte[26 * 1024 * 1024];
        new Random(1).nextBytes(huge);
        adminWithBadInput().contentType("image/jpeg").body(huge)
                .post("/api/admin/images").then().statusCode(413).contentType("application/problem+json");
        // Without a Content-Length (chunked), the body is counted while read and refused all the same.
        adminWithBadInput().contentType("image/jpeg").body(new java.io.ByteArrayInputStream(huge))
                .post("/api/admin/images").then().statusCode(413).contentType("application/problem+json");
        adminWithBadInput().multiPart("alt", "no file").post("/api/admin/images").then().statusCode(422)
                .body("errors[0].field", equalTo("file"));
        // A second image, or a part the form does not take, is refused rather than ignored.
        byte[] jpeg = Images.solidJpeg(8, 8, Color.RED);
        adminWithBadInput().multiPart("file", "one.jpg", jpeg, "image/jpeg").multiPart("file", "two.jpg", jpeg, "image/jpeg")
                .multiPart("titel", "typo").multiPart("alt", "a").multiPart("alt", "b")
                .post("/api/admin/images").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(java.util.List.of("alt", "file", "titel")));
        adminWithBadInput().multiPart("file", "one.jpg", jpeg, "image/jpeg").multiPart("alt", "alt.txt", "a".getBytes(), "text/plain")
                .post("/api/admin/images").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(java.util.List.of("alt")));
        // A NUL in a text part, which PostgreSQL text cannot hold, was a 500 at the insert.
        adminWithBadInput().multiPart("file", "one.jpg", jpeg, "image/jpeg").multiPart("alt", "a\0b").multiPart("caption", "c\0")
                .post("/api/admin/images").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("alt", "caption"));
        // A part with no name at all (curl -F =x) was a 500.
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
        form.writeBytes(("--zzz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--zzz\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"a.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes());
        form.writeBytes(jpeg);
        form.writeBytes("\r\n--zzz--\r\n".getBytes());
        adminWithBadInput().contentType("multipart/form-data; boundary=zzz").body(form.toByteArray())
                .post("/api/admin/images").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(java.util.List.of("part")));

        assertEquals(images, imageCount());
        assertEquals(blobs, blobCount());
    }

    @Test
    void declaredOversizedImageIs413BeforeAnyByteIsRead() {
        long images = imageCount();
        // A few bytes follow a Content-Length of 30 MB: only the declared length can have been judged.
        String answer = io.inkwell.support.Api.rawAdminRequest("POST", "/api/admin/images",
                "Content-Type: image/jpeg\r\nContent-Length: " + (30 * 1024 * 1024) + "\r\n", new byte[] {(byte) 0xFF, (byte) 0xD8});
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(java.util.Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertEquals(images, imageCount());
    }

    @Test
    void mediaIsCacheableForeverAndRevalidates() {
        JsonPath image = uploadRaw(Images.solidJpeg(200, 100, new Color(unique().hashCode() & 0xFFFFFF)),
                "image/jpeg", "cache.jpg").then().statusCode(201).extract().jsonPath();
        Response response = media(image.getString("url"));
        response.then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=31536000, immutable"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("ETag", equalTo("\"" + image.getString("sha256") + "\""));
        content().header("If-None-Match", response.header("ETag")).get(image.getString("url")).then().statusCode(304);
        // Read as every If-None-Match is (RFC 9110): "*" names any current copy, a weak tag its strong twin.
        content().header("If-None-Match", "*").get(image.getString("url")).then().statusCode(304);
        content().header("If-None-Match", "\"other\", W/" + response.header("ETag")).get(image.getString("url"))
                .then().statusCode(304);
        content().header("If-None-Match", "\"x" + image.getString("sha256") + "\"").get(image.getString("url"))
                .then().statusCode(200);
        content().get("/media/" + image.getString("id") + "/any-name.jpg").then().statusCode(200);
        content().get(image.getString("url") + "?w=333").then().statusCode(400).contentType("application/problem+json");
        content().get("/media/" + "0".repeat(64) + "/gone.jpg").then().statusCode(404);
    }

    @Test
    void postShowsItsFeatureImageWithVariants() {
        JsonPath image = uploadRaw(Images.solidJpeg(1400, 700, new Color(unique().hashCode() & 0xFFFFFF)),
                "image/jpeg", "cover.jpg").then().statusCode(201).extract().jsonPath();
        String slug = Posts.createPublished("With cover " + unique(),
                Map.of("featureImage", Map.of("url", image.getString("url"), "alt", "A cover"))).getString("slug");

        content().get("/api/content/posts/" + slug).then().statusCode(200)
                .body("featureImage.imageId", equalTo(image.getString("id")))
                .body("featureImage.url", equalTo(image.getString("url")))
                .body("featureImage.width", equalTo(1400))
                .body("featureImage.height", equalTo(700))
                .body("featureImage.alt", equalTo("A cover"))
                .body("featureImage.placeholder", equalTo(image.getString("placeholder")))
                .body("featureImage.variants.width", equalTo(List.of(320, 640, 960, 1280)));
        content().get("/api/content/posts?limit=100").then()
                .body("items.find { it.slug == '" + slug + "' }.featureImage.width", equalTo(1400));
    }

    @Test
    void anImagesNewAltTextReachesPublishedPostsThatGiveNoneOfTheirOwn() {
        String s = unique();
        JsonPath image = uploadRaw(Images.solidJpeg(200, 100, new Color(s.hashCode() & 0xFFFFFF)), "image/jpeg", "alt.jpg")
                .then().statusCode(201).extract().jsonPath();
        admin().body(Map.of("alt", "Old alt " + s)).patch("/api/admin/images/" + image.getString("id")).then().statusCode(200);
        JsonPath plain = Posts.createPublished("Image alt " + s, Map.of("featureImage", Map.of("imageId", image.getString("id"))));
        JsonPath own = Posts.createPublished("Own alt " + s,
                Map.of("featureImage", Map.of("imageId", image.getString("id"), "alt", "Own " + s)));
        content().get("/api/content/posts/" + plain.getString("slug")).then().body("featureImage.alt", equalTo("Old alt " + s));

        admin().body(Map.of("alt", "New alt " + s)).patch("/api/admin/images/" + image.getString("id")).then().statusCode(200);

        content().get("/api/content/posts/" + plain.getString("slug")).then().body("featureImage.alt", equalTo("New alt " + s));
        content().get("/api/content/posts?limit=100").then()
                .body("items.find { it.slug == '" + plain.getString("slug") + "' }.featureImage.alt", equalTo("New alt " + s));
        content().get("/api/content/posts/" + own.getString("slug")).then().body("featureImage.alt", equalTo("Own " + s));
    }

    @Test
    void imageUsedByAPostCannotBeDeletedUnlessForced() {
        JsonPath image = uploadRaw(Images.solidJpeg(300, 300, new Color(unique().hashCode() & 0xFFFFFF)),
                "image/jpeg", "used.jpg").then().statusCode(201).extract().jsonPath();
        String id = image.getString("id");
        admin().get("/api/admin/images?unused=true&limit=100").then().body("items.id", hasItem(id));
        JsonPath post = Posts.createPublished("Uses image " + unique(),
                Map.of("markdown", "Look: ![pic](" + image.getString("url") + ")", "featureImage", Map.of("imageId", id)));
        admin().get("/api/admin/images?unused=true&limit=100").then().body("items.id", not(hasItem(id)));

        adminWithBadInput().delete("/api/admin/images/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString(post.getString("id")));
        admin().delete("/api/admin/images/" + id + "?force=true").then().statusCode(204);

        admin().get("/api/admin/posts/" + post.getString("id")).then().body("featureImage", nullValue());
        content().get("/api/content/posts/" + post.getString("slug")).then().body("featureImage", nullValue());
        content().get(image.getString("url")).then().statusCode(404);
    }

    @Test
    void anImageOnlyAPublishedPostStillShowsIsInUseUntilItsEditIsPublished() {
        JsonPath image = uploadRaw(Images.solidJpeg(310, 300, new Color(unique().hashCode() & 0xFFFFFF)),
                "image/jpeg", "live.jpg").then().statusCode(201).extract().jsonPath();
        String id = image.getString("id");
        JsonPath post = Posts.createPublished("Shows image " + unique(),
                Map.of("markdown", "Look: ![pic](" + image.getString("url") + ")", "featureImage", Map.of("imageId", id)));
        String etag = admin().get("/api/admin/posts/" + post.getString("id")).then().extract().header("ETag");
        // The working copy drops the image; readers still see the published version with it.
        admin().header("If-Match", etag).body("{\"markdown\": \"No picture now.\", \"featureImage\": null}")
                .patch("/api/admin/posts/" + post.getString("id")).then().statusCode(200);
        String etagWithoutImage = admin().get("/api/admin/posts/" + post.getString("id")).then()
                .body("featureImage", nullValue()).extract().header("ETag");
        content().get("/api/content/posts/" + post.getString("slug")).then().body("html", containsString(image.getString("url")));

        admin().get("/api/admin/images?unused=true&limit=100").then().body("items.id", not(hasItem(id)));
        adminWithBadInput().delete("/api/admin/images/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("errors[0].message", containsString(post.getString("id")));
        content().get(image.getString("url")).then().statusCode(200);

        admin().header("If-Match", etagWithoutImage).post("/api/admin/posts/" + post.getString("id") + "/publish")
                .then().statusCode(200);
        admin().get("/api/admin/images?unused=true&limit=100").then().body("items.id", hasItem(id));
        admin().delete("/api/admin/images/" + id).then().statusCode(204);
    }

    @Test
    void altAndCaptionAreEditable() {
        String id = uploadRaw(Images.solidJpeg(120, 80, new Color(unique().hashCode() & 0xFFFFFF)), "image/jpeg", "edit.jpg")
                .then().statusCode(201).extract().path("id");
        admin().body(Map.of("alt", "A red square", "caption", "Taken at dawn")).patch("/api/admin/images/" + id)
                .then().statusCode(200).body("alt", equalTo("A red square")).body("caption", equalTo("Taken at dawn"));
        adminWithBadInput().contentType("application/json").body(Map.of("alt", "x".repeat(1001)))
                .patch("/api/admin/images/" + id).then().statusCode(422).body("errors[0].field", equalTo("alt"));
        admin().get("/api/admin/images/" + id).then().body("alt", equalTo("A red square"));
        adminWithBadInput().contentType("application/json")
                .body(Map.of("alt", "x".repeat(1001), "caption", "y".repeat(5001)))
                .patch("/api/admin/images/" + id).then().statusCode(422)
                .body("errors.field", equalTo(java.util.List.of("alt", "caption")));
        // Omitted stays, null clears.
        admin().body("{\"caption\": null}").patch("/api/admin/images/" + id).then().statusCode(200)
                .body("alt", equalTo("A red square")).body("caption", nullValue());
        adminWithBadInput().get("/api/admin/images/" + java.util.UUID.randomUUID()).then().statusCode(404);
    }

    /** An upload holds its alt text and caption to PATCH's limits, naming each one over them. */
    @Test
    void anUploadsAltAndCaptionHaveTheLimitsOfAnEdit() {
        long before = imageCount();
        byte[] png = Images.uniquePng(40, 30);
        adminWithBadInput().multiPart("file", "long.png", png, "image/png").multiPart("alt", "a".repeat(1500))
                .multiPart("caption", "c".repeat(5001)).post("/api/admin/images").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", equalTo(java.util.List.of("alt", "caption")));
        adminWithBadInput().multiPart("alt", "a".repeat(1001)).post("/api/admin/images").then().statusCode(422)
                .body("errors.field", equalTo(java.util.List.of("alt", "file")));
        adminWithBadInput().contentType("image/png").body(png).queryParam("alt", "a".repeat(1001))
                .post("/api/admin/images").then().statusCode(422).body("errors[0].field", equalTo("alt"));
        org.junit.jupiter.api.Assertions.assertEquals(before, imageCount());
        adminMultipart().multiPart("file", "long.png", png, "image/png").multiPart("alt", "a".repeat(1000))
                .post("/api/admin/images").then().statusCode(201).body("alt", equalTo("a".repeat(1000)));
    }

    /**
     * Another upload of the same bytes is still running (here: a transaction of the test's that
     * stored them and has not committed): this upload waits for it, then answers with its image.
     */
    @Test
    void anUploadOfBytesAnotherUploadIsStoringAnswersWithThatImageOnceItCommits() throws Exception {
        byte[] png = Images.uniquePng(64, 48);
        ImageService.Prepared prepared = imageService.prepare(png);
        java.util.concurrent.ExecutorService client = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            io.quarkus.narayana.jta.QuarkusTransaction.begin();
            String firstId = imageService.store(prepared, "first.png", null, null).image().id().toString();
            java.util.concurrent.Future<Response> second = client.submit(() -> admin().contentType("image/png").body(png)
                    .queryParam("filename", "second.png").post("/api/admin/images"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).pollInSameThread()
                    .until(() -> second.isDone() || ((Number) entityManager.createNativeQuery("select count(*) from "
                            + "pg_stat_activity where wait_event_type = 'Lock' and datname = current_database()")
                            .getSingleResult()).longValue() > 0);
            io.quarkus.narayana.jta.QuarkusTransaction.commit();

            second.get(20, java.util.concurrent.TimeUnit.SECONDS).then().statusCode(200).body("id", equalTo(firstId));
        } finally {
            client.shutdownNow();
        }
    }

    private static Response uploadForm(String filename, byte[] bytes) {
        return fresh(() -> adminMultipart().multiPart("file", filename, bytes, "application/octet-stream")
                .multiPart("alt", "alt text").post("/api/admin/images"));
    }

    private static Response uploadRaw(byte[] bytes, String contentType, String filename) {
        return fresh(() -> admin().contentType(contentType).body(bytes).queryParam("filename", filename)
                .post("/api/admin/images"));
    }

    /**
     * Fixture files have fixed bytes, so a database kept from an earlier run (an external
     * PostgreSQL) knows them already: such an image is deleted and uploaded again as new.
     */
    private static Response fresh(java.util.function.Supplier<Response> upload) {
        Response response = upload.get();
        if (response.statusCode() == 200 && !UPLOADED_IN_THIS_RUN.contains(response.jsonPath().getString("sha256"))) {
            admin().delete("/api/admin/images/" + response.jsonPath().getString("id") + "?force=true")
                    .then().statusCode(204);
            response = upload.get();
        }
        if (response.statusCode() == 201) {
            UPLOADED_IN_THIS_RUN.add(response.jsonPath().getString("sha256"));
        }
        return response;
    }

    private static final java.util.Set<String> UPLOADED_IN_THIS_RUN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private static Response media(String url) {
        return content().get(url);
    }

    private long imageCount() {
        return admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total");
    }

    private long blobCount() {
        return ((Number) entityManager.createNativeQuery("select count(*) from media_blob").getSingleResult()).longValue();
    }

    private static void assertUprightWithoutLocation(byte[] jpeg, int width, int height) throws Exception {
        BufferedImage decoded = Images.decode(jpeg);
        assertEquals(width, decoded.getWidth());
        assertEquals(height, decoded.getHeight());
        assertTrue(Images.isReddish(decoded.getRGB(width - 5, 5)), "red marker is top-right once upright");
        assertTrue(Images.isBluish(decoded.getRGB(5, 5)));
        Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(jpeg));
        assertNull(metadata.getFirstDirectoryOfType(GpsDirectory.class), "no GPS data");
        ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        assertFalse(exif != null && exif.containsTag(ExifIFD0Directory.TAG_MAKE), "no camera EXIF");
    }

    @Test
    void malformedMultipartUploadsAre400AndStoreNothing() {
        long before = admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total");
        byte[] png = Images.halfTransparentPng(20, 20, Color.GREEN);
        byte[] head = "--zzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.png\"\r\nContent-Type: image/png\r\n\r\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] truncated = new byte[head.length + png.length];
        System.arraycopy(head, 0, truncated, 0, head.length);
        System.arraycopy(png, 0, truncated, head.length, png.length);
        adminWithBadInput().contentType("multipart/form-data; boundary=zzz").body(truncated).post("/api/admin/images")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("multipart"));
        for (String type : List.of("multipart/form-data", "multipart/form-data; boundary=", "multipart/form-data; boundary=\"\"",
                "multipart/form-data; boundary=" + "b".repeat(71))) {
            adminWithBadInput().contentType(type).body(truncated).post("/api/admin/images")
                    .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("multipart"));
        }
        // A part named "name=" with no value, before a good file part: RESTEasy's parser throws its own exception (was a 500).
        byte[] unnamed = "--zzz\r\nContent-Disposition: form-data; name=\r\n\r\nx\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] closing = "\r\n--zzz--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
        form.writeBytes(unnamed);
        form.writeBytes(truncated);
        form.writeBytes(closing);
        adminWithBadInput().contentType("multipart/form-data; boundary=zzz").body(form.toByteArray()).post("/api/admin/images")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("Content-Disposition")).body("errors[0].field", equalTo("body"));
        assertEquals(before, admin().get("/api/admin/images?limit=1").jsonPath().getLong("pagination.total"));
    }
}
