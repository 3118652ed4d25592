package io.inkwell.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sitemap's split into an index, without a server. */
class SitemapTest {

    private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-01-02T03:04:05.678Z");

    private static List<Sitemap.Url> urls(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> new Sitemap.Url("https://blog.example/p" + i + "/",
                NOW.minusDays(i))).toList();
    }

    @Test
    void upToTheLimitItIsOneUrlset() {
        Sitemap sitemap = new Sitemap(urls(3), 3, n -> "https://api.example/sitemaps/" + n + ".xml");
        String xml = sitemap.root();
        assertFalse(sitemap.isIndex());
        assertTrue(xml.contains("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), xml);
        assertTrue(xml.contains("<url><loc>https://blog.example/p3/</loc><lastmod>2025-12-30T03:04:05Z</lastmod></url>"), xml);
        assertTrue(sitemap.rootPart(1).isEmpty());
    }

    @Test
    void pastTheLimitItIsAnIndexOfPartsWithTheirNewestLastmod() {
        Sitemap sitemap = new Sitemap(urls(7), 3, n -> "https://api.example/sitemaps/" + n + ".xml");
        String index = sitemap.root();
        assertTrue(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), index);
        assertEquals(3, sitemap.parts());
        assertTrue(index.contains("<sitemap><loc>https://api.example/sitemaps/3.xml</loc>"
                + "<lastmod>2025-12-26T03:04:05Z</lastmod></sitemap>"), index);
        assertTrue(sitemap.rootPart(3).orElseThrow().contains("https://blog.example/p7/"));
        assertFalse(sitemap.rootPart(3).orElseThrow().contains("https://blog.example/p6/"));
        assertTrue(sitemap.rootPart(4).isEmpty());
    }

    @Test
    void addressesAreEscaped() {
        String xml = new Sitemap(List.of(new Sitemap.Url("https://blog.example/?a=1&b=2", null)), 10, n -> "")
                .root();
        assertTrue(xml.contains("<loc>https://blog.example/?a=1&amp;b=2</loc></url>"), xml);
    }
}
