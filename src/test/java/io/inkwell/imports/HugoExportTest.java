package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.post.PostType;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HugoExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTomlFrontMatterInTheDocumentedOrder() throws Exception {
        ExportPost post = new ExportPost(PostType.POST, "pycon-pune-2017", "Pycon Pune 2017",
                OffsetDateTime.parse("2017-02-21T14:32:03+05:30"), null, false, null,
                List.of("python"), List.of(), List.of("Ratnadeep Debnath"), null,
                "/media/pycon.jpg", null, List.of(), (ObjectNode) JSON.readTree("{\"weight\": 3}"), "Body\n");

        assertEquals("""
                +++
                title = "Pycon Pune 2017"
                slug = "pycon-pune-2017"
                date = 2017-02-21T09:02:03Z
                draft = false
                tags = ["python"]
                authors = ["Ratnadeep Debnath"]
                image = "/media/pycon.jpg"
                weight = 3
                +++

                Body
                """, HugoExport.render(post));
    }

    @Test
    void roundTripsEveryFieldIncludingTrickyStringsAndNestedMeta() throws Exception {
        ObjectNode meta = (ObjectNode) JSON.readTree("""
                {"zeta": "last? no, first", "aliases": ["/old/url/", "/2017/02/old.html"], "weight": -2, "ratio": 0.25, "big": 1e300, "toc": true,
                 "params": {"nested": {"deep": [1, "two", {"three": 3}]}, "key with space": "v"},
                 "list": ["a", 1, false],
                 "cover": {"alt": "Alt text", "relative": true},
                 "images": ["second.jpg"],
                 "odd \\"key\\"": "x"}
                """);
        ExportPost post = new ExportPost(PostType.POST, "tricky", "She said \"hi\" \\ then\nleft\t— ünïcödé 😀",
                OffsetDateTime.parse("2017-02-21T09:02:03.123456789Z"),
                OffsetDateTime.parse("2018-01-01T00:00:00+02:00"), true,
                OffsetDateTime.parse("2030-12-31T23:59:59Z"),
                List.of("a \"quoted\" tag", "back\\slash"), List.of("Cat"), List.of("Ann", "Bob"),
                "Line one\nLine two with 'quotes' and \u0001 control", "cover.jpg", "Feature \"alt\" — ünïcödé",
                List.of(), meta,
                "# Heading\n\nText with +++ and \"quotes\".\n\n```toml\n+++\n```\n");

        ImportedPost back = reimport(HugoExport.bundlePath(post), HugoExport.render(post));

        assertEquals(post.type(), back.type());
        assertEquals(post.slug(), back.slug());
        assertEquals(post.title(), back.title());
        assertEquals(post.publishedAt(), back.publishedAt());
        assertEquals(post.updatedAt().withOffsetSameInstant(ZoneOffset.UTC), back.lastmod());
        assertEquals(post.draft(), back.draft());
        assertEquals(post.expiryDate(), back.expiryDate());
        assertEquals(post.tags(), back.tags());
        assertEquals(post.categories(), back.categories());
        assertEquals(post.authors(), back.authors());
        assertEquals(post.excerpt(), back.excerpt());
        assertEquals(post.featureImage(), back.featureImage());
        assertEquals(post.featureImageAlt(), back.featureImageAlt());
        assertEquals(List.of("/old/url/", "/2017/02/old.html"), back.aliases());
        assertTrue(post.meta().equals(HugoExportTest::sameValue, back.meta()),
                "meta " + post.meta() + " came back as " + back.meta());
        assertEquals(List.copyOf(post.meta().properties()).stream().map(java.util.Map.Entry::getKey).toList(),
                List.copyOf(back.meta().properties()).stream().map(java.util.Map.Entry::getKey).toList());
        assertEquals(post.markdown(), back.markdown());
        assertEquals(List.of(), back.warnings());
    }

    @Test
    void pagesGoToContentAndComeBackAsPages() throws Exception {
        ExportPost page = new ExportPost(PostType.PAGE, "about", "About", null, null, false, null,
                null, null, null, null, null, null, null, null, "About me\n");

        assertEquals("content/about/index.md", HugoExport.bundlePath(page));
        ImportedPost back = reimport(HugoExport.bundlePath(page), HugoExport.render(page));
        assertEquals(PostType.PAGE, back.type());
        assertEquals("about", back.slug());
        assertEquals(null, back.publishedAt());
    }

    @Test
    void metaNamedLikeAMappedKeyGoesUnderParamsAndComesBackAsItWas() throws Exception {
        ExportPost post = new ExportPost(PostType.POST, "s", "Real title", null, null, false, null,
                null, null, null, null, null, null, null, exactMeta("""
                        {"Title": "Fake", "summary": "x", "cover": {"image": "c.jpg"}, "kept": 1,
                         "price": 9.90, "huge": 1E+400, "big": 123456789012345678901234, "params": {"p": 1E+2}}"""), "");

        String toml = HugoExport.render(post);

        assertEquals("""
                +++
                title = "Real title"
                slug = "s"
                draft = false
                [params]
                Title = "Fake"
                summary = "x"
                cover = { image = "c.jpg" }
                kept = 1
                price = 9.90
                huge = 1E+400
                big = 123456789012345678901234
                params = { p = 1E+2 }
                +++

                """, toml);
        ImportedPost back = reimport(HugoExport.bundlePath(post), toml);
        assertEquals("Real title", back.title());
        assertEquals(null, back.excerpt());
        assertEquals(null, back.featureImage(), "the cover in meta is no feature image");
        assertEquals(post.meta().toString(), back.meta().toString());
    }

    @Test
    void aPostWhoseMetaHoldsANullGetsJsonFrontMatterAndComesBackAsItWas() throws Exception {
        ExportPost post = new ExportPost(PostType.POST, "nulls", "Nulls", OffsetDateTime.parse("2020-01-01T10:00:00Z"),
                null, true, null, List.of("t"), null, null, "Ex", "/media/n.png", "A null's alt", null,
                exactMeta("{\"subtitle\": null, \"list\": [1, null, 2.50], \"nested\": {\"gone\": null}}"),
                "Body\n");

        String json = HugoExport.render(post);

        assertTrue(json.startsWith("{\n  \"title\" : \"Nulls\",\n"), json);
        ImportedPost back = reimport(HugoExport.bundlePath(post), json);
        assertEquals(post.meta().toString(), back.meta().toString());
        assertEquals("Nulls", back.title());
        assertEquals(post.publishedAt(), back.publishedAt());
        assertEquals(true, back.draft());
        assertEquals(List.of("t"), back.tags());
        assertEquals("Ex", back.excerpt());
        assertEquals("/media/n.png", back.featureImage());
        assertEquals("A null's alt", back.featureImageAlt());
        assertEquals(post.markdown(), back.markdown());
    }

    /** content/posts/index.md is a post to the importer: a page named posts goes elsewhere. */
    @Test
    void aPageNamedLikeAFolderOfPostsComesBackAsAPage() {
        for (String slug : List.of("posts", "post", "blog")) {
            ExportPost page = new ExportPost(PostType.PAGE, slug, "Listing", null, null, false, null,
                    null, null, null, null, null, null, null, null, "All of them\n");
            assertEquals("content/pages/" + slug + "/index.md", HugoExport.bundlePath(page));
            ImportedPost back = reimport(HugoExport.bundlePath(page), HugoExport.render(page));
            assertEquals(PostType.PAGE, back.type());
            assertEquals(slug, back.slug());
        }
    }

    /** The importer refuses aliases that are not texts: such meta goes under params, and stays there. */
    @Test
    void aliasesInMetaThatAreNotTextsComeBackAsMeta() throws Exception {
        ExportPost post = new ExportPost(PostType.POST, "odd-aliases", "Odd", null, null, false, null,
                null, null, null, null, null, null, null, exactMeta("{\"aliases\": {\"en\": \"/old/\"}, \"k\": 1}"), "");

        String toml = HugoExport.render(post);

        assertTrue(toml.contains("[params]\naliases = { en = \"/old/\" }\nk = 1\n"), toml);
        ImportedPost back = reimport(HugoExport.bundlePath(post), toml);
        assertEquals(post.meta().toString(), back.meta().toString());
        assertEquals(List.of(), back.aliases());
    }

    /** Meta as the API stores it: decimals as written. */
    private static ObjectNode exactMeta(String json) throws Exception {
        return (ObjectNode) com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build().readTree(json);
    }

    @Test
    void exportedZipReimportsToTheSamePosts(@TempDir Path dir) throws Exception {
        List<ExportPost> posts = List.of(
                new ExportPost(PostType.POST, "first", "First", OffsetDateTime.parse("2020-01-01T10:00:00Z"), null,
                        false, null, List.of("t"), null, null, "Ex", null, null, null, null, "One\n"),
                new ExportPost(PostType.PAGE, "about", "About", null, null, false, null,
                        null, null, null, null, null, null, null, null, "Two\n"));
        java.util.Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        posts.forEach(post -> files.put(HugoExport.bundlePath(post), HugoExport.render(post).getBytes(StandardCharsets.UTF_8)));

        ArchiveContents archive = ArchiveReader.open(new ByteArrayInputStream(io.inkwell.support.Sites.zip(files)), ArchiveFormat.ZIP,
                dir, ArchiveLimits.DEFAULTS);
        SiteLayout layout = archive.layout();

        assertEquals(List.of("content/posts/first/index.md", "content/about/index.md"), layout.markdownFiles());
        ImportedPost first = reimport(layout.markdownFiles().get(0),
                new String(archive.read(layout.archivePath(layout.markdownFiles().get(0))), StandardCharsets.UTF_8));
        assertEquals("first", first.slug());
        assertEquals(List.of("t"), first.tags());
        assertEquals("Ex", first.excerpt());
        assertEquals("One\n", first.markdown());
        assertTrue(first.meta().isEmpty());
    }

    /** TOML reads 1e300 back as a BigDecimal where JSON had a double: the same number. */
    private static int sameValue(com.fasterxml.jackson.databind.JsonNode a, com.fasterxml.jackson.databind.JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    }

    private static ImportedPost reimport(String path, String content) {
        SiteMapper.Outcome outcome = SiteMapper.mapSiteFile(path, FrontMatterParser.parse(path, content), ZoneOffset.UTC);
        return assertInstanceOf(SiteMapper.Imported.class, outcome).post();
    }
}
