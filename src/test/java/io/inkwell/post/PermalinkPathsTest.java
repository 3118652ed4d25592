package io.inkwell.post;

import static io.inkwell.support.Api.adminMultipart;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.quarkus.test.junit.QuarkusTest;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Without INKWELL_PUBLIC_URL: {@code url} is the permalink's path, media stays relative, no feeds or sitemap. */
@QuarkusTest
class PermalinkPathsTest {

    @Test
    void urlsArePathsAndMediaStaysRelative() {
        String suffix = unique();
        String imageId = adminMultipart().multiPart("file", "rel-" + suffix + ".jpg",
                Images.solidJpeg(400, 300, new Color((int) (Math.random() * 0xFFFFFF))), "image/jpeg")
                .post("/api/admin/images").then().statusCode(201).extract().path("id");
        String slug = Posts.createPublished("Relative " + suffix, Map.of("tags", List.of("rel-" + suffix),
                "featureImage", Map.of("imageId", imageId))).getString("slug");

        content().get("/api/content/posts/" + slug).then().statusCode(200)
                .body("url", equalTo("/posts/" + slug + "/"))
                .body("tags[0].url", equalTo("/tags/rel-" + suffix + "/"))
                .body("featureImage.url", startsWith("/media/"));
        content().get("/api/content/tags/rel-" + suffix).then().statusCode(200)
                .body("url", equalTo("/tags/rel-" + suffix + "/"));
    }

    @Test
    void feedsAndTheSitemapExplainTheyNeedThePublicUrl() {
        content().get("/api/content/feeds/rss.xml").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("INKWELL_PUBLIC_URL"));
        content().get("/api/content/sitemap.xml").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("INKWELL_PUBLIC_URL"));
    }
}
