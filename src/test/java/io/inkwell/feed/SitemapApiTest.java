package io.inkwell.feed;

import static io.inkwell.support.Api.anonymous;
import static io.inkwell.support.Api.content;
import static io.inkwell.support.Api.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Posts;
import io.inkwell.support.PublicUrlProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** sitemap.xml, read with the JDK's namespace-aware XML parser. */
@QuarkusTest
@TestProfile(PublicUrlProfile.class)
class SitemapApiTest {

    private static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private static final String SITE = PublicUrlProfile.SITE;

    /** One {@code <url>}: its loc and lastmod. */
    private record Entry(String loc, String lastmod) {
    }

    @Test
    void pastTheLimitTheSitemapIsAnIndexOfPartsThatListEveryLiveAddressWithLastmod() throws Exception {
        String tag = "sitemap-" + unique();
        String author = "Sitemap Author " + unique();
        List<JsonPath> posts = new ArrayList<>();
        for (int i = 0; i < PublicUrlProfile.SITEMAP_MAX_URLS + 1; i++) {
            posts.add(Posts.createPublished("Sitemap post " + i + " " + unique(), Map.of("tags", List.of(tag),
                    "authors", List.of(author))));
        }
        Map<String, Object> page = Posts.draft("Sitemap page " + unique());
        page.put("type", "page");
        page.put("status", "published");
        String pageSlug = Posts.create(page).getString("slug");
        String draftSlug = Posts.create(Posts.draft("Sitemap draft " + unique())).getString("slug");

        Document index = xml(get("/api/content/sitemap.xml"));
        assertEquals("sitemapindex", index.getDocumentElement().getLocalName());
        assertEquals(NS, index.getDocumentElement().getNamespaceURI());
        NodeList sitemaps = index.getElementsByTagNameNS(NS, "sitemap");
        assertTrue(sitemaps.getLength() >= 2);
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < sitemaps.getLength(); i++) {
            Element sitemap = (Element) sitemaps.item(i);
            String loc = text(sitemap, "loc");
            assertEquals(PublicUrlProfile.API + "/api/content/sitemaps/" + (i + 1) + ".xml", loc);
            OffsetDateTime.parse(text(sitemap, "lastmod"));
            Document part = xml(get(loc.substring(PublicUrlProfile.API.length())));
            assertEquals("urlset", part.getDocumentElement().getLocalName());
            assertEquals(NS, part.getDocumentElement().getNamespaceURI());
            List<Entry> entries = entries(part);
            assertTrue(entries.size() <= PublicUrlProfile.SITEMAP_MAX_URLS, "a part holds at most the limit");
            all.addAll(entries);
        }
        content().get("/api/content/sitemaps/" + (sitemaps.getLength() + 1) + ".xml").then().statusCode(404);

        Map<String, String> lastmods = new HashMap<>();
        for (Entry entry : all) {
            assertTrue(entry.loc().startsWith(SITE + "/"), entry.loc());
            OffsetDateTime.parse(entry.lastmod());
            assertTrue(lastmods.put(entry.loc(), entry.lastmod()) == null, "listed once: " + entry.loc());
        }
        assertTrue(lastmods.containsKey(SITE + "/"), "the home page");
        for (JsonPath post : posts) {
            assertTrue(lastmods.keySet().stream().anyMatch(loc -> loc.endsWith("/" + post.getString("slug") + "/")),
                    post.getString("slug"));
        }
        assertTrue(lastmods.containsKey(SITE + "/" + pageSlug + "/"), "the page");
        assertTrue(lastmods.containsKey(SITE + "/tags/" + tag + "/"), "the tag");
        assertTrue(lastmods.keySet().stream().anyMatch(loc -> loc.startsWith(SITE + "/authors/sitemap-author-")), "the author");
        assertFalse(lastmods.keySet().stream().anyMatch(loc -> loc.contains(draftSlug)), "no draft");
    }

    @Test
    void aPartThatDoesNotExistAnswers404AndTheSitemapRevalidatesWithItsETag() {
        content().get("/api/content/sitemaps/99999.xml").then().statusCode(404).contentType("application/problem+json");
        anonymous().get("/api/content/sitemaps/0.xml").then().statusCode(404);
        String etag = content().get("/api/content/sitemap.xml").then().statusCode(200)
                .contentType("application/xml").extract().header("ETag");
        content().header("If-None-Match", etag).get("/api/content/sitemap.xml").then().statusCode(304);
    }

    private static String get(String path) {
        return content().get(path).then().statusCode(200).contentType("application/xml").extract().asString();
    }

    private static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Entry> entries(Document urlset) {
        NodeList urls = urlset.getElementsByTagNameNS(NS, "url");
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < urls.getLength(); i++) {
            Element url = (Element) urls.item(i);
            entries.add(new Entry(text(url, "loc"), text(url, "lastmod")));
        }
        return entries;
    }

    private static String text(Element parent, String name) {
        return parent.getElementsByTagNameNS(NS, name).item(0).getTextContent();
    }
}
