package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.post.PostType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SiteMapperTest {

    private static final ZoneId UTC = ZoneOffset.UTC;

    @Test
    void seedPostMapsToOurFields() throws Exception {
        String content = Files.readString(Path.of("src", "test", "resources", "seeds", "pycon-pune-2017.md"));

        ImportedPost post = map("content/post/pycon-pune-2017.md", content);

        assertEquals(PostType.POST, post.type());
        assertEquals("pycon-pune-2017", post.slug());
        assertEquals("Pycon Pune 2017", post.title());
        assertEquals(OffsetDateTime.parse("2017-02-21T09:02:03Z"), post.publishedAt());
        assertFalse(post.draft());
        assertEquals(List.of("rtnpro", "python", "pycon", "pyconpune", "pycon in india"), post.tags());
        assertEquals(List.of("Ratnadeep Debnath"), post.authors());
        assertNull(post.excerpt(), "a blank description is no excerpt");
        assertEquals("/images/2017/02/pycon-pune-2017.jpg", post.featureImage());
        assertTrue(post.meta().isEmpty(), "every key of the seed is mapped");
        assertTrue(post.markdown().startsWith("2017 saw a new chapter"), "leading blank lines dropped");
        assertEquals(15, post.markdownFirstLine());
    }

    @Test
    void unknownKeysGoToMetaInOrderWithValuesUntouched() throws Exception {
        String content = """
                +++
                zeta = 1
                title = "T"
                weight = 3.5
                [params]
                  nested = { deep = [1, "two"] }
                  when = 2020-01-01
                +++
                Body
                """;

        ImportedPost post = map("content/post/t.md", content);

        assertEquals("{\"zeta\":1,\"weight\":3.5,\"nested\":{\"deep\":[1,\"two\"]},"
                + "\"when\":\"2020-01-01\"}", post.meta().toString(), "Hugo's params are the page's own keys");
        assertEquals(List.of("zeta", "weight", "nested", "when"), List.copyOf(post.meta().properties().stream()
                .map(java.util.Map.Entry::getKey).toList()));
    }

    @Test
    void paramsKeysAreMetaWhateverTheirNamesAndWinOverTheTopLevel() {
        String content = """
                +++
                title = "Real"
                weight = 1
                [params]
                  title = "A parameter named title"
                  weight = 2
                  price = 9.90
                  params = { inner = true }
                +++
                Body
                """;

        ImportedPost post = map("content/post/p.md", content);

        assertEquals("Real", post.title());
        assertEquals("{\"title\":\"A parameter named title\",\"weight\":2,\"price\":9.90,\"params\":{\"inner\":true}}",
                post.meta().toString(), "the keys params sets, in its order");
    }

    @Test
    void publishDateWinsOverDateAndOtherDatesAreRead() {
        String content = """
                ---
                title: Dates
                date: 2017-01-01
                publishDate: 2017-02-21T09:02:03
                lastmod: 2018-03-04T05:06:07+05:30
                expiryDate: 2019-12-31 23:59:00 +0100
                ---
                """;

        ImportedPost post = SiteMapper.mapSingleFile("dates.md", FrontMatterParser.parse("dates.md", content),
                ZoneId.of("Europe/Berlin"));

        assertEquals(OffsetDateTime.parse("2017-02-21T08:02:03Z"), post.publishedAt(), "local time in the zone");
        assertEquals(OffsetDateTime.parse("2018-03-03T23:36:07Z"), post.lastmod());
        assertEquals(OffsetDateTime.parse("2019-12-31T22:59:00Z"), post.expiryDate());
    }

    @Test
    void dateOnlyIsMidnightInTheGivenZone() {
        ImportedPost post = SiteMapper.mapSingleFile("d.md",
                FrontMatterParser.parse("d.md", "+++\ntitle = \"x\"\ndate = 2017-02-21\n+++\n"), ZoneId.of("Asia/Kolkata"));

        assertEquals(OffsetDateTime.parse("2017-02-20T18:30:00Z"), post.publishedAt());
    }

    @Test
    void aDateOutsideTheYears0001To9999InUtcIsRefusedWithItsKey() {
        for (String date : List.of("0000-06-01", "0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00")) {
            ImportFileException error = assertThrows(ImportFileException.class,
                    () -> map("content/post/x.md", "+++\ntitle = \"x\"\ndate = \"" + date + "\"\n+++\n"));
            assertTrue(error.detail().contains("outside the years 0001 to 9999"), error.detail());
            assertEquals(3, error.line(), error.detail());
        }
        assertEquals(OffsetDateTime.parse("0001-01-01T00:00:00Z"),
                map("content/post/y.md", "+++\ntitle = \"y\"\ndate = \"0001-01-01T00:00:00Z\"\n+++\n").publishedAt());
    }

    @Test
    void unparseableDateNamesTheKeyAndLine() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> map("content/post/x.md", "---\ntitle: x\nlastmod: next tuesday\n---\n"));

        assertTrue(error.detail().contains("lastmod"), error.detail());
        assertTrue(error.detail().contains("next tuesday"), error.detail());
        assertEquals(3, error.line());
        ImportFileException afterBlankLines = assertThrows(ImportFileException.class,
                () -> map("content/post/x.md", "\n\n\n---\ntitle: x\nlastmod: next tuesday\n---\n"));
        assertEquals(6, afterBlankLines.line(), "the blank lines before the front matter count");
    }

    @Test
    void draftFromDraftPublishedFalseOrDraftsFolder() {
        assertTrue(map("content/post/a.md", "+++\ntitle = \"a\"\ndraft = true\n+++\n").draft());
        assertTrue(map("_posts/2020-01-01-a.md", "---\ntitle: a\npublished: false\n---\n").draft());
        assertTrue(map("_drafts/a.md", "---\ntitle: a\n---\n").draft());
        assertFalse(map("_posts/2020-01-01-a.md", "---\ntitle: a\npublished: true\n---\n").draft());
        assertThrows(ImportFileException.class, () -> map("content/post/a.md", "+++\ntitle = \"a\"\ndraft = 3\n+++\n"));
    }

    @Test
    void jekyllFileNameGivesSlugAndDate() {
        ImportedPost post = map("_posts/2017-02-21-my-first-post.md", "---\ntitle: First\n---\nHi\n");

        assertEquals("my-first-post", post.slug());
        assertEquals(OffsetDateTime.parse("2017-02-21T00:00:00Z"), post.publishedAt());
    }

    @Test
    void frontMatterDateBeatsTheFileNameDate() {
        ImportedPost post = map("_posts/2017-02-21-x.md", "---\ntitle: X\ndate: 2017-03-01 10:00:00 +0000\n---\n");

        assertEquals(OffsetDateTime.parse("2017-03-01T10:00:00Z"), post.publishedAt());
    }

    @Test
    void slugFromFrontMatterBundleFolderOrFileName() {
        assertEquals("explicit", map("content/post/folder/index.md", "+++\ntitle = \"a\"\nslug = \"explicit\"\n+++\n").slug());
        assertEquals("my-post", map("content/post/my-post/index.md", "+++\ntitle = \"a\"\n+++\n").slug());
        assertEquals("plain-name", map("content/posts/plain-name.md", "+++\ntitle = \"a\"\n+++\n").slug());
        assertEquals("notes", SiteMapper.mapSingleFile("uploads\\notes.markdown",
                FrontMatterParser.parse("notes.markdown", "---\ntitle: a\n---\n"), UTC).slug());
    }

    @Test
    void aMappedKeyGivenTwiceInDifferentCaseFailsTheFile() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> map("content/posts/twice.md", "---\ntitle: First\nTitle: Second\n---\nBody\n"));

        assertTrue(error.detail().contains("'title' and 'Title'"), error.detail());
        assertEquals(2, error.line(), "the line of the first, which the message names with the second");
    }

    @Test
    void aNameThatIsNoSlugGivesOneAsATitleWould() {
        String fm = "+++\ntitle = \"a\"\n+++\n";
        assertEquals("cafe-zurich", map("content/posts/Café Zürich.md", fm).slug());
        assertEquals("privet-mir", map("content/posts/Привет мир/index.md", fm).slug());
        assertEquals("an-old-note", map("_posts/2020-01-02-An Old Note.md", fm).slug());
        assertEquals("My_Post", map("content/posts/My_Post.md", fm).slug(), "a name that is a slug stays as it was");
    }

    @Test
    void classifiesPostsPagesAndSkippedFiles() {
        String fm = "+++\ntitle = \"a\"\n+++\n";
        assertEquals(PostType.POST, map("content/blog/a.md", fm).type());
        assertEquals(PostType.POST, map("content/posts/2020/a/index.md", fm).type());
        assertEquals(PostType.PAGE, map("content/about.md", fm).type());
        assertEquals(PostType.PAGE, map("about.md", fm).type());
        assertEquals(PostType.PAGE, map("content/about/index.md", fm).type());

        assertSkipped("content/post/_index.md", "section");
        assertSkipped("README.md", "repository");
        assertSkipped("themes/ananke/exampleSite/content/post/x.md", "outside");
        assertSkipped("node_modules/pkg/readme.md", "outside");
        assertSkipped("index.md", "home page");
        assertSkipped("static/notes.txt", "not a Markdown");
    }

    @Test
    void singleUploadedFileIsAPost() {
        ImportedPost post = SiteMapper.mapSingleFile("my-post.md",
                FrontMatterParser.parse("my-post.md", "---\ntitle: Mine\n---\n"), UTC);

        assertEquals(PostType.POST, post.type());
        assertEquals("my-post", post.slug());
    }

    @Test
    void listsAcceptASingleStringAndAuthorsEitherKey() {
        ImportedPost post = map("_posts/2020-01-01-a.md",
                "---\ntitle: a\ntags: solo\ncategories: [x, ' y ', '']\nauthor: Ann\naliases: /old/url/\n---\n");

        assertEquals(List.of("solo"), post.tags());
        assertEquals(List.of("x", "y"), post.categories());
        assertEquals(List.of("Ann"), post.authors());
        assertEquals(List.of("/old/url/"), post.aliases());

        ImportedPost many = map("content/post/b.md", "+++\ntitle = \"b\"\nauthors = [\"Ann\", \"Bob\"]\n+++\n");
        assertEquals(List.of("Ann", "Bob"), many.authors());

        ImportedPost jekyllObject = map("_posts/2020-01-01-c.md", "---\ntitle: c\nauthor:\n  name: Cy\n  url: x\n---\n");
        assertEquals(List.of("Cy"), jekyllObject.authors());
    }

    @Test
    void excerptIsTheFirstNonBlankAndOthersAreReported() {
        ImportedPost post = map("content/post/a.md",
                "+++\ntitle = \"a\"\ndescription = \"  \"\nsummary = \"Sum\"\nexcerpt = \"Other\"\n+++\n");

        assertEquals("Sum", post.excerpt());
        assertEquals(1, post.warnings().size());
        assertTrue(post.warnings().get(0).message().contains("excerpt is ignored"), post.warnings().toString());
        assertEquals(5, post.warnings().get(0).line());
        assertFalse(post.meta().has("description") || post.meta().has("summary") || post.meta().has("excerpt"));
    }

    @Test
    void featureImageFromEachSourceAndTheRestStaysInMeta() {
        assertEquals("a.jpg", map("content/post/a.md", "+++\ntitle = \"a\"\nimage = \"a.jpg\"\n+++\n").featureImage());
        assertEquals("b.jpg", map("_posts/2020-01-01-b.md", "---\ntitle: b\nfeatured_image: b.jpg\n---\n").featureImage());

        // Hugo's PaperMod theme: cover = {image, alt, caption}; the alt text is the feature image's.
        ImportedPost cover = map("content/post/c.md",
                "+++\ntitle = \"c\"\n[cover]\nimage = \"c.jpg\"\nalt = \"Alt\"\ncaption = \"Cap\"\n+++\n");
        assertEquals("c.jpg", cover.featureImage());
        assertEquals("Alt", cover.featureImageAlt());
        assertEquals("{\"caption\":\"Cap\"}", cover.meta().get("cover").toString());
        // With the image taken from elsewhere, the cover table (its alt too) is only meta.
        ImportedPost imageAndCover = map("content/post/c2.md",
                "+++\ntitle = \"c\"\nimage = \"i.jpg\"\n[cover]\nimage = \"c.jpg\"\nalt = \"Alt\"\n+++\n");
        assertEquals("i.jpg", imageAndCover.featureImage());
        assertNull(imageAndCover.featureImageAlt());
        assertEquals("{\"image\":\"c.jpg\",\"alt\":\"Alt\"}", imageAndCover.meta().get("cover").toString());
        // Alt that is not text is not alt text: it stays in meta with the rest of the table.
        ImportedPost oddAlt = map("content/post/c3.md",
                "+++\ntitle = \"c\"\n[cover]\nimage = \"c.jpg\"\nalt = 3\n+++\n");
        assertNull(oddAlt.featureImageAlt());
        assertEquals("{\"alt\":3}", oddAlt.meta().get("cover").toString());

        ImportedPost images = map("content/post/d.md", "+++\ntitle = \"d\"\nimages = [\"d1.jpg\", \"d2.jpg\"]\n+++\n");
        assertEquals("d1.jpg", images.featureImage());
        assertEquals("[\"d2.jpg\"]", images.meta().get("images").toString());

        ImportedPost onlyCover = map("content/post/e.md", "+++\ntitle = \"e\"\n[cover]\nimage = \"e.jpg\"\n+++\n");
        assertFalse(onlyCover.meta().has("cover"));
        assertNull(map("content/post/f.md", "+++\ntitle = \"f\"\n+++\n").featureImage());
    }

    @Test
    void mappedKeysOtherThanAliasesNeverReachMeta() {
        ImportedPost post = map("content/post/a.md", """
                +++
                title = "a"
                slug = "a"
                date = 2020-01-01
                lastmod = 2020-01-02
                expiryDate = 2021-01-01
                draft = false
                tags = ["t"]
                categories = ["c"]
                authors = ["x"]
                description = "d"
                image = "i.jpg"
                aliases = ["/old/"]
                custom = "kept"
                +++
                """);

        // aliases are mapped (old slugs) and also kept, as given, in meta.
        assertEquals(List.of("aliases", "custom"), post.meta().properties().stream().map(java.util.Map.Entry::getKey).toList());
    }

    @Test
    void missingTitleIsAnErrorUnlessAHeadingCanStandIn() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> map("content/post/a.md", "+++\ndraft = false\n+++\n# Heading\n"));
        assertTrue(error.detail().contains("title is missing"));

        assertEquals("From Heading", map("about.md", "Intro\n\n# From Heading #\n\nText\n").title());
        assertThrows(ImportFileException.class, () -> map("about.md", "No heading at all\n"));
    }

    @Test
    void frontMatterAfterAnInvisibleCharacterIsNamedWhereTheTitleIsMissing() {
        // As in Hugo, a no-break space or a second byte order mark before "---" keeps it from being front matter.
        for (String start : List.of("\u00A0\n", "\uFEFF\uFEFF", "\n\u200B\n")) {
            // A YAML comment in it would otherwise pass for a # heading, and the front matter for the body.
            ImportFileException error = assertThrows(ImportFileException.class,
                    () -> map("content/post/a.md", start + "---\ntitle: Meant\n# a comment\n---\nBody\n"));
            assertTrue(error.detail().contains("not read as front matter") && error.detail().contains("no-break space"),
                    error.detail());
            assertEquals(start.chars().filter(c -> c == '\n').count() + 1, (long) error.line(), error.detail());
        }
        // A rule after text is the author's: no such hint.
        ImportFileException plain = assertThrows(ImportFileException.class,
                () -> map("content/post/b.md", "Some words\n---\nMore\n"));
        assertEquals("title is missing: no front matter and no # heading", plain.detail());
    }

    @Test
    void titleThatIsATableIsAnError() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> map("content/post/a.md", "+++\n[title]\nx = 1\n+++\n"));
        assertTrue(error.detail().contains("title must be text"), error.detail());
    }

    @Test
    void markdownUsesLfAndStartsAtItsFirstLine() {
        ImportedPost post = map("content/post/a.md", "+++\r\ntitle = \"a\"\r\n+++\r\n\r\n\r\nText\r\nMore\r\n");

        assertEquals("Text\nMore\n", post.markdown());
        assertEquals(6, post.markdownFirstLine());
    }

    private static ImportedPost map(String path, String content) {
        SiteMapper.Outcome outcome = SiteMapper.mapSiteFile(path, FrontMatterParser.parse(path, content), UTC);
        return assertInstanceOf(SiteMapper.Imported.class, outcome, outcome.toString()).post();
    }

    private static void assertSkipped(String path, String reasonPart) {
        SiteMapper.Outcome outcome = SiteMapper.mapSiteFile(path, FrontMatterParser.parse(path, "+++\ntitle = \"a\"\n+++\n"), UTC);
        SiteMapper.Skipped skipped = assertInstanceOf(SiteMapper.Skipped.class, outcome, path);
        assertTrue(skipped.reason().contains(reasonPart), skipped.reason());
    }
}
