package io.inkwell.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inkwell.support.Images;
import io.inkwell.support.PackagedServer;
import java.awt.Color;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged server with the README's flags for a small server (a 128 MB heap) and the
 * default image limits: a 25-megapixel PNG is accepted and resized within that heap, and what
 * cannot fit is refused with 413 and a reason, never reported as a corrupt file.
 */
class SmallHeapImageIT {

    /** The README's recommendation for a small server (section Speed). */
    static final List<String> SMALL_SERVER_FLAGS = List.of("-Xmx128m", "-XX:+UseSerialGC",
            "-XX:ReservedCodeCacheSize=64m", "-Xss512k", "-XX:TrimNativeHeapInterval=5000");
    private static final String TOKEN = "small-heap-test-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void largeImagesAreDecodedWithinA128MegabyteHeapOrRefusedWithTheReason() throws Exception {
        // New bytes on every run, so a kept external database never knows them already.
        Color colour = new Color(new Random().nextInt(0xFFFFFF));
        byte[] png = Images.framedPng(5000, 5000, colour, Color.ORANGE);
        // A phone's 12-megapixel photo taken upright: stored 4000 x 3000, EXIF orientation 6.
        byte[] phone = Images.withExifOrientation(Images.framedJpeg(4000, 3000, colour, Color.ORANGE), 6);
        byte[] sideways = Images.withExifOrientation(Images.framedJpeg(5000, 5000, colour, Color.ORANGE), 6);

        PackagedServer server = PackagedServer.start(Files.createTempDirectory("inkwell-small-heap"),
                PackagedServer.freePort(), SMALL_SERVER_FLAGS, Map.of("INKWELL_ADMIN_TOKEN", TOKEN));
        try {
            server.awaitReady(Duration.ofSeconds(120));

            HttpResponse<String> created = upload(server, png, "image/png", "large.png");
            assertEquals(201, created.statusCode(), created.body());
            JsonNode image = json.readTree(created.body());
            assertEquals(5000, image.get("width").asInt());
            assertFalse(image.get("placeholder").asText().isEmpty());
            String url = image.get("url").asText();

            HttpResponse<byte[]> variant = http.send(HttpRequest.newBuilder(server.uri(url + "?w=1920")).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, variant.statusCode());
            assertEquals(1920, Images.decode(variant.body()).getWidth());

            HttpResponse<String> turned = upload(server, phone, "image/jpeg", "phone.jpg");
            assertEquals(201, turned.statusCode(), turned.body());
            JsonNode photo = json.readTree(turned.body());
            assertEquals(3000, photo.get("width").asInt());
            assertEquals(4000, photo.get("height").asInt());

            HttpResponse<String> refused = upload(server, sideways, "image/jpeg", "sideways.jpg");
            assertEquals(413, refused.statusCode(), refused.body());
            assertEquals("application/problem+json", refused.headers().firstValue("Content-Type").orElse(""));
            String detail = json.readTree(refused.body()).get("detail").asText();
            assertTrue(detail.contains("25.0 megapixels") && detail.contains("-Xmx"), detail);

            String log = server.log();
            assertTrue(log.contains("Images: up to 60.0 megapixels"), "the limits are logged at start:\n" + log);
            assertEquals(1, Pattern.compile("WARN .*5000 x 5000").matcher(log).results().count(),
                    "the refusal is logged once:\n" + log);
            assertFalse(log.contains("OutOfMemoryError"), log);

            for (JsonNode stored : List.of(image, photo)) {
                HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(
                        server.uri("/api/admin/images/" + stored.get("id").asText() + "?force=true"))
                        .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(204, deleted.statusCode(), deleted.body());
            }
        } finally {
            assertEquals(0, server.stop(), "graceful stop");
        }
    }

    @Test
    void aFullContentCacheMakesWayForAPhotosDecode() throws Exception {
        Color colour = new Color(new Random().nextInt(0xFFFFFF));
        byte[] phone = Images.withExifOrientation(Images.framedJpeg(4000, 3000, colour, Color.ORANGE), 6);
        PackagedServer server = PackagedServer.start(Files.createTempDirectory("inkwell-full-cache"),
                PackagedServer.freePort(), SMALL_SERVER_FLAGS, Map.of("INKWELL_ADMIN_TOKEN", TOKEN));
        try {
            server.awaitReady(Duration.ofSeconds(120));
            // About 30 MB of answers: the content cache (a quarter of the heap) nearly full.
            String paragraph = "Words of a long post, written to take the room a big blog's answers take. ".repeat(20);
            String markdown = (paragraph + "\n\n").repeat(480_000 / (paragraph.length() + 2));
            String run = Long.toString(System.nanoTime(), 36);
            for (int i = 0; i < 60; i++) {
                String body = json.writeValueAsString(Map.of("title", "Long " + run + " " + i, "slug",
                        "long-" + run + "-" + i, "markdown", markdown, "status", "published"));
                HttpResponse<String> created = server.send("POST", "/api/admin/posts", TOKEN, body);
                assertEquals(201, created.statusCode(), created.body());
                assertEquals(200, server.get("/api/content/posts/long-" + run + "-" + i).statusCode());
            }
            assertEquals("HIT", http.send(HttpRequest.newBuilder(server.uri("/api/content/posts/long-" + run + "-59"))
                    .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("X-Cache").orElse(""));

            HttpResponse<String> turned = upload(server, phone, "image/jpeg", "phone.jpg");
            assertEquals(201, turned.statusCode(), turned.body());
            assertFalse(server.log().contains("OutOfMemoryError"), server.log());
            // Emptied for the decode: the next read builds its answer again.
            assertEquals("MISS", http.send(HttpRequest.newBuilder(server.uri("/api/content/posts/long-" + run + "-59"))
                    .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("X-Cache").orElse(""));
        } finally {
            assertEquals(0, server.stop(), "graceful stop");
        }
    }

    private HttpResponse<String> upload(PackagedServer server, byte[] bytes, String contentType, String filename)
            throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri("/api/admin/images?filename=" + filename))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
