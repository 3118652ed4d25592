package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShortcodesTest {

    private static final Shortcodes.RefResolver NO_REFS = path -> Optional.empty();

    @Test
    void figureBecomesEscapedHtml() {
        Shortcodes.Result result = Shortcodes.render(
                "Before\n\n{{< figure src=\"img/a b.jpg\" alt=\"A \\\"quoted\\\" <alt>\" caption=\"Cats & dogs\" >}}\n",
                NO_REFS);

        assertEquals("Before\n\n<figure><img src=\"img/a b.jpg\" alt=\"A &quot;quoted&quot; &lt;alt&gt;\">"
                + "<figcaption><p>Cats &amp; dogs</p></figcaption></figure>\n", result.markdown());
        assertTrue(result.warnings().isEmpty());
    }

    @Test
    void figureWithLinkAndTitle() {
        String html = Shortcodes.render("{{% figure src=\"/x.png\" link=\"https://e.com/?a=1&b=2\" title='T' %}}",
                NO_REFS).markdown();

        // single quotes are not Hugo quoting: title='T' is the bare value 'T'
        assertEquals("<figure><a href=\"https://e.com/?a=1&amp;b=2\"><img src=\"/x.png\" alt=\"\"></a>"
                + "<figcaption><h4>&#39;T&#39;</h4></figcaption></figure>", html);
    }

    @Test
    void youtubeVimeoAndGistBecomeLinks() {
        String markdown = "{{< youtube w7Ft2ymGmfc >}}\n{{< youtube id=\"abc_-1\" >}}\n{{< vimeo 146022717 >}}\n"
                + "{{< gist spf13 7896402 >}}\n{{< gist spf13 7896402 \"img.html\" >}}\n";

        Shortcodes.Result result = Shortcodes.render(markdown, NO_REFS);

        assertEquals("[![YouTube video](https://img.youtube.com/vi/w7Ft2ymGmfc/hqdefault.jpg)]"
                + "(https://www.youtube.com/watch?v=w7Ft2ymGmfc)\n"
                + "[![YouTube video](https://img.youtube.com/vi/abc_-1/hqdefault.jpg)](https://www.youtube.com/watch?v=abc_-1)\n"
                + "[Vimeo video](https://vimeo.com/146022717)\n"
                + "[Gist spf13/7896402](https://gist.github.com/spf13/7896402)\n"
                + "[Gist spf13/7896402: img.html](https://gist.github.com/spf13/7896402#file-img-html)\n",
                result.markdown());
        assertTrue(result.warnings().isEmpty());
    }

    @Test
    void youtubeWithAnUnsafeIdIsKeptAndReported() {
        String markdown = "{{< youtube \"x)](javascript:alert(1)\" >}}";

        Shortcodes.Result result = Shortcodes.render(markdown, NO_REFS);

        assertEquals(markdown, result.markdown());
        assertEquals(1, result.warnings().size());
    }

    @Test
    void highlightBecomesAFencedBlock() {
        String markdown = "Code:\n\n{{< highlight go \"linenos=table\" >}}\nfunc main() {\n\tfmt.Println(\"{{< x >}}\")\n}\n"
                + "{{< /highlight >}}\n\nAfter\n";

        Shortcodes.Result result = Shortcodes.render(markdown, NO_REFS);

        assertEquals("Code:\n\n```go\nfunc main() {\n\tfmt.Println(\"{{< x >}}\")\n}\n```\n\nAfter\n", result.markdown());
        assertTrue(result.warnings().isEmpty(), "shortcode-like text inside highlight is code");
    }

    @Test
    void unclosedHighlightIsKeptAndReported() {
        Shortcodes.Result result = Shortcodes.render("a\n{{< highlight go >}}\ncode\n", NO_REFS);

        assertEquals("a\n{{< highlight go >}}\ncode\n", result.markdown());
        assertEquals(2, result.warnings().get(0).line());
    }

    @Test
    void manyUnclosedShortcodesDoNotTakeQuadraticTime() {
        String hostile = "{{< highlight go >}}\n".repeat(5_000) + "`` x `".repeat(20_000);

        Shortcodes.Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(5), () -> Shortcodes.render(hostile, NO_REFS));
        assertEquals(hostile, result.markdown());
        assertEquals(5_000, result.warnings().size());
    }

    @Test
    void refAndRelrefUseTheResolver() {
        Map<String, String> urls = Map.of("post/other.md", "/blog/other-post/");
        Shortcodes.Result result = Shortcodes.render(
                "See [other]({{< ref \"post/other.md\" >}}) and [part]({{< relref \"post/other.md#part-2\" >}}).\n"
                        + "Missing [x]({{< relref \"nowhere.md\" >}})\n",
                path -> Optional.ofNullable(urls.get(path)));

        assertEquals("See [other](/blog/other-post/) and [part](/blog/other-post/#part-2).\n"
                + "Missing [x]({{< relref \"nowhere.md\" >}})\n", result.markdown());
        assertEquals(1, result.warnings().size());
        assertEquals(2, result.warnings().get(0).line());
        assertTrue(result.warnings().get(0).message().contains("nowhere.md"));
    }

    @Test
    void unknownShortcodesAreKeptVerbatimWithAWarningNamingThem() {
        String markdown = "Intro\n\n{{< notice warning >}}\nCareful!\n{{< /notice >}}\n{{% tweet user=\"x\" id=\"1\" %}}\n";

        Shortcodes.Result result = Shortcodes.render(markdown, NO_REFS);

        assertEquals(markdown, result.markdown());
        assertEquals(2, result.warnings().size());
        assertTrue(result.warnings().get(0).message().contains("\"notice\""));
        assertEquals(3, result.warnings().get(0).line());
        assertTrue(result.warnings().get(1).message().contains("\"tweet\""));
        assertEquals(6, result.warnings().get(1).line());
    }

    @Test
    void codeBlocksAndInlineCodeAreLeftAlone() {
        String markdown = "Use `{{< youtube abc >}}` inline.\n\n```\n{{< figure src=\"x.jpg\" >}}\n```\n\n"
                + "~~~~md\n{{< unknown >}}\n~~~~\n";

        Shortcodes.Result result = Shortcodes.render(markdown, NO_REFS);

        assertEquals(markdown, result.markdown());
        assertTrue(result.warnings().isEmpty());
    }

    @Test
    void commentEscapedShortcodeIsShownNotRun() {
        Shortcodes.Result result = Shortcodes.render("Write {{</* youtube abc */>}} to embed.", NO_REFS);

        assertEquals("Write {{< youtube abc >}} to embed.", result.markdown());
    }

    @Test
    void textThatOnlyLooksLikeATemplateIsUntouched() {
        String markdown = "Go templates: {{ .Title }} and {{<broken\n";

        assertEquals(markdown, Shortcodes.render(markdown, NO_REFS).markdown());
    }

    @Test
    void warningLinesCanBePlacedInTheFile() {
        ImportMessage warning = Shortcodes.render("a\n\n{{< nope >}}", NO_REFS).warnings().get(0);

        assertEquals(new ImportMessage("content/post/x.md", 14, warning.message()),
                warning.locatedIn("content/post/x.md", 12));
    }
}
