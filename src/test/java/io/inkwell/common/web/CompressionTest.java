package io.inkwell.common.web;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aayushatharva.brotli4j.decoder.Decoder;
import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import com.aayushatharva.brotli4j.decoder.DirectDecompress;
import io.inkwell.support.Api;
import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Content API bodies in the coding the client asks for, over plain HTTP with the JDK's client,
 * which (unlike RestAssured) hands over the bytes as they came, compressed or not.
 */
@QuarkusTest
class CompressionTest {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Inject
    ContentCache cache;

    @Test
    void aPostIsGzippedForAClientThatTakesGzipAndIsTheSameJson() throws Exception {
        String path = "/api/content/posts/" + longPost();
        HttpResponse<byte[]> identity = get(path, null, null);
        HttpResponse<byte[]> gzip = get(path, "gzip", null);

        assertEquals(200, identity.statusCode());
        assertEquals(Optional.empty(), identity.headers().firstValue("Content-Encoding"));
        assertVariesByEncoding(identity);
        assertEquals(200, gzip.statusCode());
        assertEquals(Optional.of("gzip"), gzip.headers().firstValue("Content-Encoding"));
        assertVariesByEncoding(gzip);
        assertTrue(gzip.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
        assertArrayEquals(identity.body(), gunzip(gzip.body()), "one gunzip gives the JSON: compressed exactly once");
        assertTrue(gzip.body().length < identity.body().length / 2, gzip.body().length + " of " + identity.body().length);
        assertEquals(Optional.of(String.valueOf(gzip.body().length)), gzip.headers().firstValue("Content-Length"));
    }

    @Test
    void oneWeakEtagNamesTheJsonInEveryEncodingAndEachGets304() throws Exception {
        String path = "/api/content/posts/" + longPost();
        String identityTag = get(path, null, null).headers().firstValue("ETag").orElseThrow();
        String gzipTag = get(path, "gzip", null).headers().firstValue("ETag").orElseThrow();
        String brotliTag = get(path, "br", null).headers().firstValue("ETag").orElseThrow();

        assertTrue(identityTag.matches("W/\"[0-9a-f]{32}\""), identityTag);
        assertEquals(identityTag, gzipTag);
        assertEquals(identityTag, brotliTag);
        for (String acceptEncoding : new String[] {null, "gzip", "br", "gzip;q=0"}) {
            HttpResponse<byte[]> notModified = get(path, acceptEncoding, identityTag);
            assertEquals(304, notModified.statusCode(), "Accept-Encoding " + acceptEncoding);
            assertEquals(0, notModified.body().length);
            assertEquals(Optional.of(identityTag), notModified.headers().firstValue("ETag"));
            assertVariesByEncoding(notModified);
        }
        String strongForm = identityTag.substring(2);
        assertEquals(304, get(path, "gzip", strongForm).statusCode(), "a tag stored before tags were weak still matches");
        assertEquals(304, get(path, "gzip", "\"other\", " + gzipTag).statusCode(), "a list of tags");
        assertEquals(200, get(path, "gzip", "W/\"0123456789abcdef0123456789abcdef\"").statusCode());
    }

    /**
     * A body is compressed in a coding when a client first asks for it, and kept: an answer read
     * only by clients that decode nothing (a crawler's deep page) holds no compressed copies.
     */
    @Test
    void eachCodingIsMadeAtTheFirstRequestForItAndKept() throws Exception {
        String path = "/api/content/posts/" + longPost();
        long before = cache.heldBytes();
        HttpResponse<byte[]> identity = get(path, null, null);
        long afterIdentity = cache.heldBytes();
        HttpResponse<byte[]> gzip = get(path, "gzip", null);
        long afterGzip = cache.heldBytes();
        HttpResponse<byte[]> gzipAgain = get(path, "gzip", null);

        assertEquals(Optional.of("MISS"), identity.headers().firstValue("X-Cache"));
        assertTrue(afterIdentity - before < identity.body().length + gzip.body().length,
                "the JSON alone: " + (afterIdentity - before) + " bytes held for a " + identity.body().length + "-byte body");
        assertEquals(Optional.of("HIT"), gzip.headers().firstValue("X-Cache"));
        assertEquals(gzip.body().length, afterGzip - afterIdentity, "the gzip copy is added to the entry");
        assertArrayEquals(gzip.body(), gzipAgain.body(), "and sent again as it was made");
        assertEquals(afterGzip, cache.heldBytes(), "once");
        assertArrayEquals(identity.body(), gunzip(gzipAgain.body()));
    }

    @Test
    void aClientThatPrefersBrotliGetsBrotli() throws Exception {
        String path = "/api/content/posts/" + longPost();
        HttpResponse<byte[]> identity = get(path, null, null);
        HttpResponse<byte[]> brotli = get(path, "gzip, deflate, br, zstd", null);

        assertEquals(Optional.of("br"), brotli.headers().firstValue("Content-Encoding"));
        assertVariesByEncoding(brotli);
        DirectDecompress decoded = Decoder.decompress(brotli.body());
        assertEquals(DecoderJNI.Status.DONE, decoded.getResultStatus());
        assertArrayEquals(identity.body(), decoded.getDecompressedData());
        assertTrue(brotli.body().length < get(path, "gzip", null).body().length, "Brotli is the smaller one");
    }

    @Test
    void aRefusedCodingIsNeverSent() throws Exception {
        String path = "/api/content/posts/" + longPost();
        byte[] json = get(path, null, null).body();
        for (String acceptEncoding : new String[] {"gzip;q=0", "identity", "br;q=0, gzip;q=0", "*;q=0", "deflate"}) {
            HttpResponse<byte[]> response = get(path, acceptEncoding, null);
            assertEquals(200, response.statusCode());
            assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"), acceptEncoding);
            assertArrayEquals(json, response.body(), acceptEncoding);
        }
        assertEquals(Optional.of("gzip"), get(path, "br;q=0, gzip;q=0.5", null).headers().firstValue("Content-Encoding"));
    }

    @Test
    void listsAreCompressedToo() throws Exception {
        String tag = "compressed-list-" + unique();
        for (int i = 0; i < 3; i++) {
            Posts.createPublished("Listed " + unique(), Map.of("tags", List.of(tag),
                    "excerpt", "An excerpt long enough to make the list worth compressing. ".repeat(8)));
        }
        String path = "/api/content/posts?tag=" + tag;
        HttpResponse<byte[]> identity = get(path, null, null);
        HttpResponse<byte[]> gzip = get(path, "gzip", null);

        assertEquals(Optional.of("gzip"), gzip.headers().firstValue("Content-Encoding"));
        assertArrayEquals(identity.body(), gunzip(gzip.body()));
        assertVariesByEncoding(gzip);
    }

    @Test
    void aSmallBodyIsSentAsItIsButStillVaries() throws Exception {
        String tag = "small-" + unique();
        Posts.createPublished("Small " + unique(), Map.of("tags", List.of(tag)));
        HttpResponse<byte[]> response = get("/api/content/tags/" + tag, "gzip, br", null);

        assertEquals(200, response.statusCode());
        assertTrue(response.body().length < Compression.MIN_BYTES, response.body().length + " bytes");
        assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"));
        assertVariesByEncoding(response);
    }

    @Test
    void theContractDescribesCompressedAnswers() {
        String slug = longPost();
        // RestAssured asks for gzip and inflates it; the contract filter sees the headers and the JSON.
        content().header("Accept-Encoding", "gzip").get("/api/content/posts/" + slug).then().statusCode(200)
                .header("Vary", "Accept-Encoding");
    }

    /** Admin answers stay uncompressed: their strong ETag is the post's version, compared strongly by If-Match. */
    @Test
    void adminAnswersAreNotCompressed() throws Exception {
        String id = Posts.create(longDraft()).getString("id");
        HttpRequest request = HttpRequest.newBuilder(uri("/api/admin/posts/" + id))
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN).header("Accept-Encoding", "gzip, br").build();
        HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, response.statusCode());
        assertTrue(response.body().length > Compression.MIN_BYTES);
        assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"));
        assertTrue(response.headers().firstValue("ETag").orElseThrow().matches("\"\\d+\""), "the version, strong");
    }

    /** Images are compressed formats already, with strong ETags of their own bytes. */
    @Test
    void mediaIsNeverCompressed() throws Exception {
        byte[] png = Images.framedPng(400, 300, new Color(unique().hashCode() & 0xFFFFFF), Color.WHITE);
        String url = admin().contentType("image/png").body(png).queryParam("filename", "plain.png")
                .post("/api/admin/images").then().extract().jsonPath().getString("url");

        HttpResponse<byte[]> response = get(url, "gzip, deflate, br", null);
        assertEquals(200, response.statusCode());
        assertEquals(Optional.empty(), response.headers().firstValue("Content-Encoding"));
        assertEquals(Optional.of("image/png"), response.headers().firstValue("Content-Type"));
        assertTrue(response.headers().firstValue("ETag").orElseThrow().startsWith("\""), "still strong");
        assertArrayEquals(get(url, null, null).body(), response.body());
    }

    private static String longPost() {
        return Posts.create(withStatus(longDraft(), "published")).getString("slug");
    }

    private static Map<String, Object> longDraft() {
        Map<String, Object> body = Posts.draft("Long " + unique());
        StringBuilder markdown = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            markdown.append("Paragraph ").append(i).append(" says what every paragraph of this post says, ")
                    .append("at some length, so that the JSON is worth compressing.\n\n");
        }
        body.put("markdown", markdown.toString());
        return body;
    }

    private static Map<String, Object> withStatus(Map<String, Object> body, String status) {
        body.put("status", status);
        return body;
    }

    private static void assertVariesByEncoding(HttpResponse<?> response) {
        assertTrue(response.headers().allValues("Vary").stream().anyMatch(vary -> vary.contains("Accept-Encoding")),
                "Vary: " + response.headers().allValues("Vary"));
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (acceptEncoding != null) {
            request.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
