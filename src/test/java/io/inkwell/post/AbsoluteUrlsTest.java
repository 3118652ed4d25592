package io.inkwell.post;

import static io.inkwell.support.Api.adminMultipart;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.inkwell.support.PublicUrlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.awt.Color;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With INKWELL_PUBLIC_URL and INKWELL_API_URL set, the Content API's JSON carries absolute addresses. */
@QuarkusTest
@TestProfile(PublicUrlProfile.class)
class AbsoluteUrlsTest {

    private static final String SITE = PublicUrlProfile.SITE;
    private static final String API = PublicUrlProfile.API;

    @Test
    void aPostItsReferencesAndItsImagesHaveAbsoluteUrls() {
        String suffix = unique();
        String image = adminMultipart().multiPart("file", "abs-" + suffix + ".jpg",
                Images.solidJpeg(800, 400, new Color((int) (Math.random() * 0xFFFFFF))), "image/jpeg")
                .post("/api/admin/images").then().statusCode(201).extract().path("url");
        String imageId = adminMultipart().multiPart("file", "abs-" + suffix + ".jpg",
                Images.solidJpeg(800, 400, new Color((int) (Math.random() * 0xFFFFFF))), "image/jpeg")
                .post("/api/admin/images").then().statusCode(201).extract().path("id");
        JsonPath post = Posts.createPublished("Absolute " + suffix, Map.of(
                "tags", List.of("abs-tag-" + suffix), "categories", List.of("abs-cat-" + suffix),
                "authors", List.of("Abs Author " + suffix), "featureImage", Map.of("imageId", imageId),
                "publishedAt", "2017-02-21T09:02:03Z",
                "markdown", "See ![x](" + image + ") and [home](/)."));
        String slug = post.getString("slug");
        String url = SITE + "/2017/02/21/" + slug + "/";

        JsonPath live = content().get("/api/content/posts/" + slug).then().statusCode(200).extract().jsonPath();
        assertEquals(url, live.getString("url"));
        assertEquals(SITE + "/tags/abs-tag-" + suffix + "/", live.getString("tags[0].url"));
        assertEquals(SITE + "/categories/abs-cat-" + suffix + "/", live.getString("categories[0].url"));
        assertEquals(SITE + "/authors/" + live.getString("authors[0].slug") + "/", live.getString("authors[0].url"));
        String featureUrl = live.getString("featureImage.url");
        assertEquals(API + "/media/", featureUrl.substring(0, API.length() + 7));
        live.getList("featureImage.variants.url", String.class)
                .forEach(variant -> assertEquals(featureUrl + "?w=", variant.substring(0, featureUrl.length() + 3)));
        org.junit.jupiter.api.Assertions.assertTrue(live.getString("html").contains("src=\"" + API + image + "\""),
                live.getString("html"));
        org.junit.jupiter.api.Assertions.assertTrue(live.getString("html").contains("href=\"/\""),
                "other links stay as written: " + live.getString("html"));

        content().get("/api/content/posts?tag=abs-tag-" + suffix).then().statusCode(200)
                .body("items[0].url", equalTo(url))
                .body("items[0].tags[0].url", equalTo(SITE + "/tags/abs-tag-" + suffix + "/"))
                .body("items[0].featureImage.url", equalTo(featureUrl));
        content().get("/api/content/tags/abs-tag-" + suffix).then().statusCode(200)
                .body("url", equalTo(SITE + "/tags/abs-tag-" + suffix + "/"));
        content().get("/api/content/categories?limit=100").then().statusCode(200)
                .body("items.url", hasItem(SITE + "/categories/abs-cat-" + suffix + "/"))
                .body("items.url", everyItem(startsWith(SITE + "/categories/")));
        content().get("/api/content/authors/" + live.getString("authors[0].slug")).then().statusCode(200)
                .body("url", equalTo(live.getString("authors[0].url")));
    }

    @Test
    void aPageUsesThePagePattern() {
        Map<String, Object> page = Posts.draft("Abs page " + unique());
        page.put("type", "page");
        page.put("status", "published");
        String slug = Posts.create(page).getString("slug");
        content().get("/api/content/pages/" + slug).then().statusCode(200).body("url", equalTo(SITE + "/" + slug + "/"));
    }

    @Test
    void aPreviewOfADraftHasNoUrlWhenThePatternNeedsItsDate() {
        String id = Posts.create(Posts.draft("Abs draft " + unique())).getString("id");
        String token = io.inkwell.support.Api.admin().post("/api/admin/posts/" + id + "/preview")
                .then().statusCode(201).extract().path("token");
        content().get("/api/content/preview/" + token).then().statusCode(200).body("url", equalTo(null));
    }
}
