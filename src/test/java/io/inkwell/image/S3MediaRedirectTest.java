package io.inkwell.image;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.content;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Images;
import io.inkwell.support.S3Bucket;
import io.inkwell.support.S3ProxyTestResource;
import io.inkwell.support.S3PublicUrlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** INKWELL_IMAGES_PUBLIC_BASE_URL: /media sends readers to the public copy in the bucket, with the same cache headers. */
@QuarkusTest
@TestProfile(S3PublicUrlProfile.class)
class S3MediaRedirectTest {

    private static final String PUBLIC = S3PublicUrlProfile.PUBLIC_BASE_URL + "/" + S3ProxyTestResource.PREFIX;

    @ConfigProperty(name = "inkwell.images.s3.endpoint")
    String endpoint;

    private S3Bucket bucket() {
        return S3Bucket.at(endpoint);
    }

    @Test
    void mediaRedirectsToThePublicCopyWithTheCacheHeaders() {
        JsonPath image = admin().contentType("image/png").body(Images.uniquePng(400, 300))
                .queryParam("filename", "cdn.png").post("/api/admin/images").then().statusCode(201).extract().jsonPath();
        String sha = image.getString("sha256");

        content().redirects().follow(false).get(image.getString("url")).then().statusCode(302)
                .header("Location", PUBLIC + sha)
                .header("ETag", "\"" + sha + "\"")
                .header("Cache-Control", MediaResource.CACHE_FOREVER);
        content().redirects().follow(false).header("If-None-Match", "\"" + sha + "\"").get(image.getString("url"))
                .then().statusCode(304).header("Cache-Control", MediaResource.CACHE_FOREVER);
    }

    @Test
    void aVariantIsMadeAndStoredBeforeTheRedirectToIt() {
        JsonPath image = admin().contentType("image/png").body(Images.uniquePng(400, 300))
                .queryParam("filename", "cdn.png").post("/api/admin/images").then().statusCode(201).extract().jsonPath();
        String variant = image.getString("sha256") + "-w320";

        content().redirects().follow(false).get(image.getString("url") + "?w=320").then().statusCode(302)
                .header("Location", PUBLIC + variant)
                .header("ETag", "\"" + variant + "\"");
        assertTrue(bucket().object(variant).isPresent(), "the redirect's target exists");
        assertEquals("image/png", bucket().head(variant).contentType());
        assertEquals(320, Images.decode(bucket().object(variant).orElseThrow()).getWidth());
    }

    @Test
    void anUnknownImageIsStillA404() {
        content().redirects().follow(false).get("/media/" + "ab".repeat(32) + "/none.png").then().statusCode(404);
    }
}
