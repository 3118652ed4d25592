package io.inkwell.post;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {

    @Test
    void rendersGithubFlavouredExtensionsAndKeepsThemThroughTheSanitizer() {
        String html = MarkdownRenderer.render("""
                # Getting Started

                | a | b |
                |---|---|
                | 1 | 2 |

                ~~gone~~ and https://example.com auto

                - [x] done
                - [ ] todo

                Note[^1].

                [^1]: The footnote.

                ```java
                class A {}
                ```
                """).html();

        assertThat(html, containsString("<h1 id=\"getting-started\">Getting Started</h1>"));
        assertThat(html, containsString("<table>"));
        assertThat(html, containsString("<td>1</td>"));
        assertThat(html, containsString("<del>gone</del>"));
        assertThat(html, containsString("<a href=\"https://example.com\">https://example.com</a>"));
        assertThat(html, containsString("class=\"task-list-item\""));
        assertThat(html, containsString("type=\"checkbox\""));
        assertThat(html, containsString("checked=\"checked\""));
        assertThat(html, containsString("href=\"#fn-1\""));
        assertThat(html, containsString("id=\"fn-1\""));
        assertThat(html, containsString("<code class=\"language-java\">class A {}"));
    }

    @Test
    void excerptStopsAtTheMoreMarkerAndIsPlainText() {
        MarkdownRenderer.Rendered rendered = MarkdownRenderer.render(
                "First **bold** part & more.\n\n<!-- more -->\n\nSecond part.");
        assertEquals("First bold part & more.", rendered.derivedExcerpt());
        assertEquals(7, rendered.wordCount());
    }

    @Test
    void longBodiesGetAShortenedExcerptAndAReadingTime() {
        String body = "word ".repeat(800);
        MarkdownRenderer.Rendered rendered = MarkdownRenderer.render(body);
        assertEquals(800, rendered.wordCount());
        assertEquals(3, rendered.readingTimeMinutes());
        assertThat(rendered.derivedExcerpt(), containsString("…"));
        assertEquals(true, rendered.derivedExcerpt().length() <= MarkdownRenderer.EXCERPT_MAX_CHARS);
    }

    @Test
    void listItemsAndTableCellsStaySeparateWords() {
        MarkdownRenderer.Rendered rendered = MarkdownRenderer.render(
                "- apples\n- pears\n\n| a | b |\n|---|---|\n| c | d |\n\nLine one<br>line two");
        assertEquals("apples pears a b c d Line one line two", rendered.derivedExcerpt());
        assertEquals(10, rendered.wordCount());
    }
}
