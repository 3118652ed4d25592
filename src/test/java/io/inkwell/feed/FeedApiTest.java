package io.inkwell.feed;

import static io.inkwell.support.Api.admin;
import static io.inkwell.support.Api.adminMultipart;
import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.SyndFeedInput;
import io.inkwell.common.web.CachedAnswerRoute;
import io.inkwell.support.CachedAnswers;
import io.inkwell.support.Images;
import io.inkwell.support.Posts;
import io.inkwell.support.PublicUrlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.awt.Color;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** RSS, Atom and JSON feeds, read back with real parsers: ROME's and Jackson. */
@QuarkusTest
@TestProfile(PublicUrlProfile.class)
class FeedApiTest {

    private static final String SITE = PublicUrlProfile.SITE;
    private static final String API = PublicUrlProfile.API;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CachedAnswerRoute cachedAnswerRoute;

    /** A published post of this test's own, with what a feed should show of it. */
    private record Published(String id, String slug, String title, String url) {
    }

    @Test
    void rssFeedParsesWithAbsoluteLinksFullHtmlAndTheFeatureImageAsEnclosure() throws Exception {
        String tag = "feed-rss-" + unique();
        Map<String, Object> image = uploadImage();
        Published post = publish("RSS post " + unique(), Map.of("tags", List.of(tag), "authors", List.of("Rss Writer"),
                "featureImage", Map.of("imageId", image.get("id")),
                "markdown", "Hello ![inline](" + image.get("url") + ") and [about](/about/) and [out](https://other.example/x)."));

        String rss = feed("/api/content/feeds/rss.xml", "application/rss+xml");
        assertTrue(rss.contains("<atom:link xmlns:atom=\"http://www.w3.org/2005/Atom\" href=\"" + API
                + "/api/content/feeds/rss.xml\" rel=\"self\" type=\"application/rss+xml\" />"), "self link");
        SyndFeed feed = parse(rss);

        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals("Example Blog", feed.getTitle());
        assertEquals(SITE + "/", feed.getLink());
        SyndEntry entry = entry(feed, post);
        assertEquals(post.url(), entry.getLink());
        assertEquals("urn:uuid:" + post.id(), entry.getUri());
        String html = entry.getContents().get(0).getValue();
        assertTrue(html.contains("src=\"" + API + image.get("url") + "\""), html);
        assertTrue(html.contains("href=\"" + SITE + "/about/\""), html);
        assertTrue(html.contains("href=\"https://other.example/x\""), html);
        SyndEnclosure enclosure = entry.getEnclosures().get(0);
        assertEquals(API + image.get("url"), enclosure.getUrl());
        assertEquals("image/jpeg", enclosure.getType());
        assertEquals(((Number) image.get("bytes")).longValue(), enclosure.getLength());
        assertTrue(entry.getCategories().stream().anyMatch(c -> c.getName().equals(tag)));
        assertEquals("Rss Writer", entry.getAuthor());
        everyLinkIsAbsolute(feed);
    }

    @Test
    void atomFeedParsesWithAbsoluteLinksAndSelfLink() throws Exception {
        Published post = publish("Atom post " + unique(), Map.of("authors", List.of("Atom Writer " + unique())));

        SyndFeed feed = parse(feed("/api/content/feeds/atom.xml", "application/atom+xml"));

        assertEquals("atom_1.0", feed.getFeedType());
        assertTrue(feed.getLinks().stream().anyMatch(l -> "self".equals(l.getRel())
                && (API + "/api/content/feeds/atom.xml").equals(l.getHref())), "self link");
        SyndEntry entry = entry(feed, post);
        assertEquals(post.url(), entry.getLink());
        assertEquals("urn:uuid:" + post.id(), entry.getUri());
        assertTrue(entry.getAuthors().get(0).getName().startsWith("Atom Writer"));
        assertTrue(entry.getAuthors().get(0).getUri().startsWith(SITE + "/authors/atom-writer-"));
        assertTrue(entry.getContents().get(0).getValue().contains("<strong>bold</strong>"));
        assertNotNull(entry.getUpdatedDate());
        everyLinkIsAbsolute(feed);
    }

    @Test
    void jsonFeedHasTheRequiredFieldsOfVersion11() throws Exception {
        Map<String, Object> image = uploadImage();
        Published post = publish("JSON post " + unique(), Map.of("featureImage", Map.of("imageId", image.get("id")),
                "excerpt", "Short."));

        JsonNode feed = JSON.readTree(feed("/api/content/feeds/feed.json", "application/feed+json"));

        assertEquals("https://jsonfeed.org/version/1.1", feed.path("version").asText());
        assertEquals("Example Blog", feed.path("title").asText());
        assertEquals(SITE + "/", feed.path("home_page_url").asText());
        assertEquals(API + "/api/content/feeds/feed.json", feed.path("feed_url").asText());
        assertTrue(feed.path("items").isArray());
        for (JsonNode item : feed.path("items")) {
            assertFalse(item.path("id").asText().isEmpty(), "every item has an id");
            assertTrue(item.path("content_html").isTextual(), "every item has content_html");
            assertTrue(item.path("url").asText().startsWith(SITE + "/"), item.path("url").asText());
        }
        JsonNode item = StreamSupport.stream(feed.path("items").spliterator(), false)
                .filter(i -> i.path("id").asText().equals("urn:uuid:" + post.id())).findFirst().orElseThrow();
        assertEquals(post.url(), item.path("url").asText());
        assertEquals(post.title(), item.path("title").asText());
        assertEquals("Short.", item.path("summary").asText());
        assertEquals(API + image.get("url"), item.path("image").asText());
        assertTrue(item.path("content_html").asText().contains("<strong>bold</strong>"));
    }

    /** Feeds and the sitemap, once cached, are sent by the router as the resources send them. */
    @Test
    void cachedFeedsAndSitemapAreTheResourcesAnswers() throws Exception {
        String tag = "feed-router-" + unique();
        Published post = publish("Router post " + unique(), Map.of("tags", List.of(tag)));
        String tagSlug = content().get("/api/content/posts/" + post.slug()).then().statusCode(200).extract().jsonPath()
                .getString("tags[0].slug");

        CachedAnswers.assertRouterAnswersAsTheResource("/api/content/feeds/rss.xml", "application/rss+xml", cachedAnswerRoute);
        CachedAnswers.assertRouterAnswersAsTheResource("/api/content/feeds/atom.xml", "application/atom+xml", cachedAnswerRoute);
        CachedAnswers.assertRouterAnswersAsTheResource("/api/content/feeds/tags/" + tagSlug + "/feed.json",
                "application/feed+json", cachedAnswerRoute);
        CachedAnswers.assertRouterAnswersAsTheResource("/api/content/sitemap.xml", "application/xml", cachedAnswerRoute);
    }

    /**
     * With INKWELL_CORS_CONTENT_ORIGINS naming the site, a browser on the site may read a feed
     * and one elsewhere may not: from the resource and, once cached, from the router alike
     * (cachedFeedsAndSitemapAreTheResourcesAnswers compares the two; this checks what they say).
     */
    @Test
    void onlyTheConfiguredOriginMayReadTheContentApiFromABrowser() {
        String path = "/api/content/feeds/atom.xml";
        for (int time = 0; time < 2; time++) {
            Response site = anonymous().header("Origin", SITE).get(path);
            assertEquals(200, site.statusCode());
            assertEquals(SITE, site.header("Access-Control-Allow-Origin"));
            assertTrue(site.headers().getValues("Vary").contains("Origin"), site.headers().toString());
            Response elsewhere = anonymous().header("Origin", "https://reader.example").get(path);
            assertEquals(200, elsewhere.statusCode(), "the bytes are public; only browsers are told not to share them");
            assertNull(elsewhere.header("Access-Control-Allow-Origin"));
        }
        assertEquals("HIT", anonymous().header("Origin", SITE).get(path).header("X-Cache"));
    }

    @Test
    void aTagsFeedHasOnlyThatTagsPostsAndNoDrafts() throws Exception {
        String tag = "feed-only-" + unique();
        Published tagged = publish("Tagged " + unique(), Map.of("tags", List.of(tag)));
        Published other = publish("Untagged " + unique(), Map.of("tags", List.of("other-" + unique())));
        Map<String, Object> draft = Posts.draft("Draft " + unique());
        draft.put("tags", List.of(tag));
        String draftId = Posts.create(draft).getString("id");

        for (String format : List.of("rss.xml", "atom.xml")) {
            SyndFeed feed = parse(feed("/api/content/feeds/tags/" + tag + "/" + format, null));
            List<String> ids = feed.getEntries().stream().map(SyndEntry::getUri).toList();
            assertEquals(List.of("urn:uuid:" + tagged.id()), ids, format);
            assertEquals(SITE + "/tags/" + tag + "/", alternate(feed));
        }
        JsonNode json = JSON.readTree(feed("/api/content/feeds/tags/" + tag + "/feed.json", null));
        assertEquals(1, json.path("items").size());
        assertEquals("urn:uuid:" + tagged.id(), json.path("items").get(0).path("id").asText());

        String site = feed("/api/content/feeds/rss.xml", null);
        assertFalse(site.contains(draftId), "a draft is in no feed");
        assertTrue(site.contains(other.id()));
    }

    /** Characters XML cannot hold, which the API stores, are left out of RSS and Atom (they were a 500). */
    @Test
    void textXmlCannotHoldIsLeftOutOfTheXmlFeeds() throws Exception {
        String tag = "ctrl\u0004tag-" + unique();
        String author = "A\u0005 Writer " + unique();
        Published post = publish("Ctrl \u0001 title\uFFFE " + unique(), Map.of("tags", List.of(tag), "authors", List.of(author),
                "excerpt", "ex \u0002cerpt", "markdown", "Body \u0003 text."));
        String tagSlug = admin().get("/api/admin/posts/" + post.id()).jsonPath().getString("tags[0].slug");
        for (String path : List.of("/api/content/feeds/rss.xml", "/api/content/feeds/atom.xml",
                "/api/content/feeds/tags/" + tagSlug + "/rss.xml")) {
            SyndFeed feed = parse(feed(path, null));
            SyndEntry entry = feed.getEntries().stream().filter(e -> e.getUri().equals("urn:uuid:" + post.id()))
                    .findFirst().orElseThrow();
            assertEquals(post.title().replace("\u0001", "").replace("\uFFFE", ""), entry.getTitle(), path);
        }
        JsonNode json = JSON.readTree(feed("/api/content/feeds/feed.json", null));
        assertTrue(json.path("items").toString().contains("\\u0001"), "JSON Feed keeps the character, escaped");
    }

    /** ROME's java.util.Date is Julian before 1582; the feeds show the API's (ISO) date all the same. */
    @Test
    void datesBeforeTheGregorianReformAreTheApisDates() {
        String tag = "old-dates-" + unique();
        publish("Printed " + unique(), Map.of("tags", List.of(tag), "publishedAt", "1500-03-01T12:00:00Z"));

        assertTrue(feed("/api/content/feeds/tags/" + tag + "/rss.xml", null).contains("Thu, 01 Mar 1500 12:00:00 GMT"),
                "RSS pubDate");
        String atom = feed("/api/content/feeds/tags/" + tag + "/atom.xml", null);
        assertTrue(atom.contains("<published>1500-03-01T12:00:00Z</published>"), atom);
    }

    @Test
    void categoryAndAuthorFeedsHaveOnlyTheirPosts() throws Exception {
        String category = "Feed Category " + unique();
        String author = "Feed Author " + unique();
        Published inCategory = publish("In category " + unique(), Map.of("categories", List.of(category)));
        Published byAuthor = publish("By author " + unique(), Map.of("authors", List.of(author)));

        String categorySlug = admin().get("/api/admin/categories?limit=100").then().extract().jsonPath()
                .<Map<String, Object>>getList("items").stream().filter(c -> c.get("name").equals(category))
                .map(c -> (String) c.get("slug")).findFirst().orElseThrow();
        SyndFeed byCategory = parse(feed("/api/content/feeds/categories/" + categorySlug + "/rss.xml", null));
        assertEquals(List.of("urn:uuid:" + inCategory.id()), byCategory.getEntries().stream().map(SyndEntry::getUri).toList());

        String authorSlug = content().get("/api/content/posts/" + byAuthor.slug()).then().statusCode(200)
                .extract().path("authors[0].slug");
        SyndFeed ofAuthor = parse(feed("/api/content/feeds/authors/" + authorSlug + "/atom.xml", null));
        assertEquals(List.of("urn:uuid:" + byAuthor.id()), ofAuthor.getEntries().stream().map(SyndEntry::getUri).toList());
    }

    @Test
    void aFeedHasTheNewestPostsUpToItsSize() throws Exception {
        String tag = "feed-size-" + unique();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < PublicUrlProfile.FEED_SIZE + 2; i++) {
            Map<String, Object> extra = new HashMap<>();
            extra.put("tags", List.of(tag));
            extra.put("publishedAt", OffsetDateTime.now(ZoneOffset.UTC).minusDays(30 - i).toString());
            ids.add(publish("Sized " + i + " " + unique(), extra).id());
        }
        JsonNode feed = JSON.readTree(feed("/api/content/feeds/tags/" + tag + "/feed.json", null));
        List<String> newestFirst = new ArrayList<>(ids.subList(2, ids.size()));
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst.stream().map(id -> "urn:uuid:" + id).toList(),
                StreamSupport.stream(feed.path("items").spliterator(), false).map(i -> i.path("id").asText()).toList());
    }

    @Test
    void aFeedIsCachedWithAnETagUntilAPublish() {
        String tag = "feed-cache-" + unique();
        publish("Cached " + unique(), Map.of("tags", List.of(tag)));
        String path = "/api/content/feeds/tags/" + tag + "/rss.xml";
        Response first = content().get(path).then().statusCode(200).extract().response();
        String etag = first.header("ETag");
        content().header("If-None-Match", etag).get(path).then().statusCode(304);

        publish("Cached too " + unique(), Map.of("tags", List.of(tag)));
        Response second = content().header("If-None-Match", etag).get(path).then().statusCode(200).extract().response();
        assertTrue(second.asString().contains("Cached too"));
    }

    @Test
    void unknownFormatsTagsAndAuthorsAnswer404() {
        anonymous().get("/api/content/feeds/feed.rdf").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("rss.xml"));
        content().get("/api/content/feeds/tags/no-such-tag-" + unique() + "/rss.xml").then().statusCode(404)
                .contentType("application/problem+json");
        content().get("/api/content/feeds/authors/no-such-author-" + unique() + "/feed.json").then().statusCode(404);
    }

    // ---- helpers ----

    private static String feed(String path, String expectedType) {
        Response response = content().get(path).then().statusCode(200).extract().response();
        if (expectedType != null) {
            assertEquals(expectedType, response.contentType().split(";")[0]);
        }
        return response.asString();
    }

    private static SyndFeed parse(String xml) throws Exception {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    /** The feed's page on the site (ROME's getLink gives an Atom feed's last link, here its self link). */
    private static String alternate(SyndFeed feed) {
        return feed.getLinks().stream().filter(link -> "alternate".equals(link.getRel())).map(SyndLink::getHref)
                .findFirst().orElse(feed.getLink());
    }

    private static SyndEntry entry(SyndFeed feed, Published post) {
        Optional<SyndEntry> found = feed.getEntries().stream().filter(e -> post.title().equals(e.getTitle())).findFirst();
        assertTrue(found.isPresent(), "the feed lists " + post.title());
        return found.get();
    }

    private static void everyLinkIsAbsolute(SyndFeed feed) {
        for (SyndLink link : feed.getLinks()) {
            assertTrue(link.getHref().startsWith("https://"), link.getHref());
        }
        for (SyndEntry entry : feed.getEntries()) {
            assertTrue(entry.getLink().startsWith(SITE + "/"), entry.getLink());
        }
    }

    private static Published publish(String title, Map<String, Object> extra) {
        JsonPath post = Posts.createPublished(title, extra);
        String slug = post.getString("slug");
        OffsetDateTime at = OffsetDateTime.parse(post.getString("publishedAt")).withOffsetSameInstant(ZoneOffset.UTC);
        String url = String.format("%s/%04d/%02d/%02d/%s/", SITE, at.getYear(), at.getMonthValue(), at.getDayOfMonth(), slug);
        return new Published(post.getString("id"), slug, title, url);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> uploadImage() {
        Color colour = new Color((int) (Math.random() * 0xFFFFFF));
        return adminMultipart().multiPart("file", "cover-" + unique() + ".jpg", Images.solidJpeg(700, 400, colour),
                "image/jpeg").post("/api/admin/images").then().statusCode(201).extract().as(Map.class);
    }
}
