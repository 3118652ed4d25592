package io.inkwell.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.web.HtmlLinks;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Rewriting a published body's links changes the links and nothing else. */
class HtmlLinksTest {

    private static final String MARKDOWN = """
            # Title & "quotes"

            Text with <em>inline</em> HTML, an [internal link](/about/), an
            [external one](https://example.com/?a=1&b=2) and ![an image](/media/abc/photo.jpg "Photo").

            ```java
            if (a < b && c > d) { return "<tag>"; }
            ```

            - [x] done
            - [ ] open

            | a | b |
            |:--|--:|
            | 1 | 2 |

            A footnote[^1].

            [^1]: The note.
            """;

    @Test
    void anUnchangedRewriteGivesBackTheSameHtml() {
        String html = MarkdownRenderer.render(MARKDOWN).html();
        assertEquals(html, HtmlLinks.rewrite(html, UnaryOperator.identity()));
    }

    @Test
    void onlyLinkAndImageAddressesChange() {
        String html = MarkdownRenderer.render(MARKDOWN).html();
        String rewritten = HtmlLinks.rewrite(html, url -> url.startsWith("/") ? "https://x.example" + url : url);
        assertTrue(rewritten.contains("href=\"https://x.example/about/\""), rewritten);
        assertTrue(rewritten.contains("src=\"https://x.example/media/abc/photo.jpg\""), rewritten);
        assertEquals(html.replace("\"/about/\"", "\"https://x.example/about/\"")
                .replace("\"/media/abc/photo.jpg\"", "\"https://x.example/media/abc/photo.jpg\""), rewritten);
    }
}
