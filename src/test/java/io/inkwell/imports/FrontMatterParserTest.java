package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontMatterParserTest {

    @Test
    void hugoSeedPostParses() throws Exception {
        String content = Files.readString(Path.of("src", "test", "resources", "seeds", "pycon-pune-2017.md"));

        SourceDocument document = FrontMatterParser.parse("content/post/pycon-pune-2017.md", content);

        assertEquals(FrontMatterFormat.TOML, document.format());
        assertEquals("Pycon Pune 2017", document.fields().get("title").asText());
        assertEquals("2017-02-21T09:02:03Z", document.fields().get("date").asText(), "dates stay strings");
        assertEquals(5, document.fields().get("tags").size());
        assertEquals(List.of("author", "categories", "date", "description", "draft", "image", "slug", "tags", "title"),
                keys(document), "keys keep file order");
        assertTrue(document.body().startsWith("\n\n2017 saw a new chapter"));
        assertEquals(13, document.bodyStartLine());
        assertTrue(content.endsWith(document.body()));
    }

    @Test
    void yamlFrontMatterAndExactBody() {
        String content = "---\ntitle: Hello\ndate: 2017-02-21 10:00:00 +0100\ntags: [a, b]\n---\nBody *here*\n";

        SourceDocument document = FrontMatterParser.parse("_posts/2017-02-21-hello.md", content);

        assertEquals(FrontMatterFormat.YAML, document.format());
        assertEquals("title: Hello\ndate: 2017-02-21 10:00:00 +0100\ntags: [a, b]\n", document.frontMatter());
        assertEquals("2017-02-21 10:00:00 +0100", document.fields().get("date").asText());
        assertEquals("Body *here*\n", document.body());
        assertEquals(6, document.bodyStartLine());
    }

    @Test
    void jsonFrontMatterEndsAtItsMatchingBrace() {
        String content = "{\n  \"title\": \"Braces } in {strings}\",\n  \"cover\": {\n    \"image\": \"a.jpg\"\n  }\n}\n"
                + "Body\n";

        SourceDocument document = FrontMatterParser.parse("content/post/x.md", content);

        assertEquals(FrontMatterFormat.JSON, document.format());
        assertEquals("Braces } in {strings}", document.fields().get("title").asText());
        assertEquals("a.jpg", document.fields().get("cover").get("image").asText());
        assertEquals("Body\n", document.body());
        assertEquals(7, document.bodyStartLine());
    }

    @Test
    void byteOrderMarkAndCrlfAreHandled() {
        String content = "\uFEFF+++\r\ntitle = \"Windows\"\r\ndraft = true\r\n+++\r\nLine one\r\nLine two\r\n";

        SourceDocument document = FrontMatterParser.parse("content/post/win.md", content);

        assertEquals(FrontMatterFormat.TOML, document.format());
        assertEquals("Windows", document.fields().get("title").asText());
        assertTrue(document.fields().get("draft").booleanValue());
        assertEquals("Line one\r\nLine two\r\n", document.body(), "body exactly as in the file");
        assertEquals(5, document.bodyStartLine());
    }

    @Test
    void blankLinesBeforeTheFrontMatterAreSkippedAsHugoSkipsThem() {
        String toml = "\r\n  \n+++\ntitle = \"After blank lines\"\n+++\nBody\n";
        String yaml = "\n\n---\ntitle: After blank lines\n---\nBody\n";
        String json = "\n{\"title\": \"After blank lines\"}\nBody\n";

        for (String content : List.of(toml, yaml, json)) {
            SourceDocument document = FrontMatterParser.parse("content/post/blank.md", content);

            assertEquals("After blank lines", document.fields().path("title").asText(), content);
            assertEquals("Body\n", document.body(), content);
        }
        assertEquals(6, FrontMatterParser.parse("content/post/blank.md", toml).bodyStartLine());
    }

    @Test
    void errorsAfterBlankLinesNameTheLineOfTheFile() {
        ImportFileException syntax = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("content/post/bad.md", "\n\n+++\ntitle = \"ok\"\ndate = = 1\n+++\n"));
        assertEquals(5, syntax.line(), syntax.getMessage());

        ImportFileException unclosed = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("content/post/open.md", "\n---\ntitle: never closed\n"));
        assertEquals(2, unclosed.line(), unclosed.getMessage());
    }

    @Test
    void fileWithoutFrontMatterIsAllBody() {
        String content = "# Just a heading\n\nText.\n";

        SourceDocument document = FrontMatterParser.parse("about.md", content);

        assertEquals(FrontMatterFormat.NONE, document.format());
        assertTrue(document.fields().isEmpty());
        assertEquals(content, document.body());
        assertEquals(1, document.bodyStartLine());
    }

    @Test
    void shortcodeAtTheTopIsNotJson() {
        SourceDocument document = FrontMatterParser.parse("a.md", "{{< youtube abc >}}\n");

        assertEquals(FrontMatterFormat.NONE, document.format());
    }

    @Test
    void emptyFrontMatterGivesNoFields() {
        SourceDocument document = FrontMatterParser.parse("a.md", "---\n---\nBody");

        assertTrue(document.fields().isEmpty());
        assertEquals("Body", document.body());
        assertEquals(3, document.bodyStartLine());
    }

    @Test
    void tomlSyntaxErrorReportsTheLineOfTheFile() {
        String content = "+++\ntitle = \"Ok\"\ndraft = false\ntags = [\"a\"]\nbroken = = 3\n+++\nBody\n";

        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("content/post/bad.md", content));

        assertEquals(5, error.line());
        assertEquals("content/post/bad.md", error.path());
        assertTrue(error.detail().startsWith("front matter syntax error"), error.detail());
        assertTrue(error.getMessage().startsWith("content/post/bad.md, line 5: "), error.getMessage());
    }

    @Test
    void tomlErrorsInsideTablesReportTheLineOfTheFile() {
        String inTable = "+++\ntitle = \"Ok\"\n[params]\nsubtitle = \"fine\"\nbroken = = 3\n+++\nBody\n";
        String inArrayOfTables = "+++\ntitle = \"Ok\"\n[[menu.main]]\nname = \"a\"\n\n[[menu.main]]\nweight = = 1\n+++\n";
        String twice = "+++\ntitle = \"Ok\"\n[params]\na = 1\n[params]\nb = 2\n+++\n";

        assertEquals(5, assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("a.md", inTable)).line());
        assertEquals(7, assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("b.md", inArrayOfTables)).line());
        ImportFileException tableTwice = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("c.md", twice));
        assertEquals(5, tableTwice.line(), tableTwice.getMessage());
    }

    @Test
    void aTomlKeyWrittenTwiceIsReportedOnItsSecondLine() {
        String topLevel = "+++\ntitle = \"Ok\"\ntitle = \"Again\"\n\n# a comment\n+++\n";
        String inArrayOfTables = "+++\ntitle = \"Ok\"\n[[menu.main]]\nname = \"a\"\n\n[[menu.main]]\nweight = 1\nweight = 2\n+++\n";

        ImportFileException first = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("a.md", topLevel));
        assertEquals(3, first.line(), first.getMessage());
        ImportFileException second = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("b.md", inArrayOfTables));
        assertEquals(8, second.line(), second.getMessage());
    }

    @Test
    void aTomlKeyWrittenTwiceIsReportedWhereItIsAssignedPastMultiLineStringsAndInArrays() {
        // Lines that look like assignments inside a multi-line string are its text.
        String afterString = "+++\ntitle = 'A'\nfoo = 1\nfoo = '''\nk = v\nz = w\n'''\nbar = 1\n+++\n";
        String inArray = "+++\ntitle = 'A'\nmenu = [\n  { name = 'a' },\n  { name = 'b', name = 'c' },\n]\n+++\n";
        // Three quotes inside a one-line string or a comment open no multi-line string.
        String quotesInStrings = "+++\ntitle = \"use ''' here\" # or \"\"\"\nnote = 'say \"\"\"'\ntitle = 'B'\nbar = 1\n+++\n";

        ImportFileException string = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("a.md", afterString));
        assertEquals(4, string.line(), string.getMessage());
        ImportFileException array = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("b.md", inArray));
        assertEquals(5, array.line(), array.getMessage());
        ImportFileException quoted = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("c.md", quotesInStrings));
        assertEquals(4, quoted.line(), quoted.getMessage());
    }

    @Test
    void aTomlKeyWrittenTwiceInAnInlineTableOrOverSeveralLinesIsReportedWhereItIsAssigned() {
        String inline = "+++\ntitle = \"Ok\"\nparams = { a = 1, a = 2 }\n+++\n";
        String multiLine = "+++\ntags = [\"a\"]\ndraft = false\ntags = [\n  \"b\",\n]\n\ndate = 2017-02-21\n+++\n";

        ImportFileException inInlineTable = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("a.md", inline));
        assertEquals(3, inInlineTable.line(), inInlineTable.getMessage());
        ImportFileException overLines = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("b.md", multiLine));
        assertEquals(4, overLines.line(), overLines.getMessage());
    }

    @Test
    void yamlSyntaxErrorReportsTheLineOfTheFile() {
        String content = "---\ntitle: Ok\ntags: [a, b\nauthor: me\n---\nBody\n";

        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("_posts/bad.md", content));

        assertEquals(4, error.line());
    }

    @Test
    void jsonSyntaxErrorReportsTheLineOfTheFile() {
        String content = "{\n  \"title\": \"Ok\",\n  \"draft\": nope\n}\nBody\n";

        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", content));

        assertEquals(3, error.line());
    }

    @Test
    void duplicateJsonKeyIsAnError() {
        assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "{\n\"title\": \"a\",\n\"title\": \"b\"\n}\n"));
    }

    /** Jackson's TOML reader before 2.23 cut 19-digit integers to their last nine digits. */
    @Test
    void tomlNumbersAreReadExactly() {
        SourceDocument document = FrontMatterParser.parse("x.md", """
                +++
                tweet = 1234567890123456789
                min = -9223372036854775808
                grouped = 1_234_567_890_123_456_789
                huge = -98765432109876543210987654321
                price = 9.90
                +++
                """);

        assertEquals("{\"tweet\":1234567890123456789,\"min\":-9223372036854775808,\"grouped\":1234567890123456789,"
                + "\"huge\":-98765432109876543210987654321,\"price\":9.90}", document.fields().toString());
    }

    @Test
    void duplicateYamlKeyIsAnErrorOnItsLine() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "---\ntitle: a\ntags: [x]\ntitle: b\n---\nBody\n"));

        assertEquals(4, error.line());
        assertTrue(error.detail().contains("'title' is written twice"), error.detail());
    }

    @Test
    void theSameKeyInTwoYamlMappingsIsNoDuplicate() {
        SourceDocument document = FrontMatterParser.parse("x.md",
                "---\nparams:\n  title: inner\ntitle: outer\n---\nBody\n");

        assertEquals("outer", document.fields().get("title").asText());
        assertEquals("inner", document.fields().get("params").get("title").asText());
    }

    @Test
    void yamlAliasesStandForTheValueTheirAnchorMarks() {
        String content = """
                ---
                title: Anchors
                tags: &topics [python, pune]
                categories: *topics
                author: &me Kushal
                authors: [*me]
                defaults: &defaults
                  comments: true
                  layout: wide
                params:
                  <<: *defaults
                  layout: narrow
                ---
                Body
                """;

        SourceDocument document = FrontMatterParser.parse("x.md", content);

        assertEquals("[\"python\",\"pune\"]", document.fields().get("categories").toString());
        assertEquals("[\"Kushal\"]", document.fields().get("authors").toString());
        assertEquals("{\"layout\":\"narrow\",\"comments\":true}", document.fields().get("params").toString(),
                "a merge key adds the keys the mapping does not set itself");
        document.fields().withArray("categories").add("changed");
        assertEquals(2, document.fields().get("tags").size(), "an alias is a copy");
    }

    @Test
    void anAliasWithoutAnAnchorIsAnErrorOnItsLine() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "---\ntitle: a\ncategories: *nowhere\n---\nBody\n"));

        assertEquals(3, error.line());
        assertTrue(error.detail().contains("*nowhere"), error.detail());
    }

    @Test
    void aMergeKeyThatNamesNoMappingIsAnError() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "---\ntitle: a\nparams:\n  <<: 3\n---\nBody\n"));

        assertTrue(error.detail().contains("merge key"), error.detail());
    }

    @Test
    void aliasesThatExpandPastTheLimitAreRefused() {
        StringBuilder yaml = new StringBuilder("---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level < 8; level++) {
            yaml.append('a').append(level).append(": &a").append(level).append(" [");
            yaml.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (level - 1)))).append("]\n");
        }
        yaml.append("---\nBody\n");

        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", yaml.toString()));

        assertTrue(error.detail().contains("more than " + YamlFrontMatter.MAX_WEIGHT), error.detail());
    }

    /** A few aliases of a long text weigh as much as many values: 100 KB became 10 MB of meta. */
    @Test
    void aliasesOfALongTextArePartOfTheLimit() {
        String yaml = "---\nx: &x " + "a".repeat(100_000) + "\nl: [" + String.join(", ", java.util.Collections.nCopies(100, "*x"))
                + "]\n---\nBody\n";

        ImportFileException error = assertThrows(ImportFileException.class, () -> FrontMatterParser.parse("x.md", yaml));

        assertTrue(error.detail().contains("aliases expand to more than"), error.detail());
        // A long text the file holds itself is bounded by the file's size, as in TOML.
        FrontMatterParser.parse("x.md", "---\nx: " + "a".repeat(1_100_000) + "\n---\nBody\n");
    }

    @Test
    void frontMatterTheApiWouldRefuseFailsTheFileNamingWhere() {
        ImportFileException nul = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "---\ntitle: \"Nul \\0 title\"\n---\nBody\n"));
        assertTrue(nul.detail().contains("title") && nul.detail().contains("NUL"), nul.detail());

        ImportFileException surrogate = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "{\"params\": {\"x\": [\"\\ud800\"]}}\nBody\n"));
        assertTrue(surrogate.detail().contains("params.x[0]") && surrogate.detail().contains("surrogate"), surrogate.detail());

        // The front matter is the first level, as meta is on the API: 1 + 100 here.
        String deep = "d = " + "[".repeat(100) + "]".repeat(100) + "\n";
        FrontMatterParser.parse("x.md", "+++\nd = " + "[".repeat(99) + "]".repeat(99) + "\n+++\nBody\n");
        ImportFileException nested = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "+++\n" + deep + "+++\nBody\n"));
        assertTrue(nested.detail().contains("more than 100 levels"), nested.detail());

        ImportFileException number = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "{\"v\": 1e999999999999}\nBody\n"));
        assertTrue(number.detail().contains("exponent"), number.detail());
    }

    @Test
    void frontMatterThatIsNotATableIsAnError() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "---\n- one\n- two\n---\nBody\n"));

        assertEquals(2, error.line());
        assertTrue(error.detail().contains("a list"), error.detail());
    }

    @Test
    void unclosedFrontMatterIsAnError() {
        ImportFileException toml = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "+++\ntitle = \"x\"\nBody\n"));
        ImportFileException json = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("y.md", "{\n\"title\": \"x\"\nBody\n"));

        assertEquals(1, toml.line());
        assertTrue(toml.detail().contains("never closed"));
        assertTrue(json.detail().contains("never closed"));
    }

    @Test
    void jsonClosingBraceMustEndItsLine() {
        ImportFileException error = assertThrows(ImportFileException.class,
                () -> FrontMatterParser.parse("x.md", "{\n\"title\": \"x\"\n} trailing\nBody\n"));

        assertEquals(3, error.line());
    }

    @Test
    void lineOfKeyPointsIntoTheFile() {
        SourceDocument document = FrontMatterParser.parse("x.md", "+++\ntitle = \"a\"\ndate = \"soon\"\n+++\n");

        assertEquals(3, document.lineOf("date"));
    }

    private static List<String> keys(SourceDocument document) {
        List<String> keys = new ArrayList<>();
        document.fields().fieldNames().forEachRemaining(keys::add);
        return keys;
    }
}
