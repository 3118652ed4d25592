package io.inkwell.post;

import java.util.regex.Pattern;
import org.owasp.html.Encoding;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The only way HTML reaches the API: OWASP's sanitizer with an allow-list that keeps what our
 * Markdown produces (tables, task lists, footnotes, heading ids, code language classes) and
 * drops scripts, event handlers, {@code javascript:} URLs and anything else not listed.
 */
final class HtmlSanitizer {

    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]{0,127}");
    private static final Pattern CLASS = Pattern.compile(
            "language-[A-Za-z0-9_+#.-]{1,40}|task-list-item|task-list-item-checkbox|footnotes"
                    + "|footnote-ref|footnote-backref");
    private static final Pattern BLOCK_END = Pattern.compile(
            "(?i)</(p|li|h[1-6]|div|blockquote|pre|tr|td|th|dt|dd|figcaption|table)>|<br\\s*/?>|<hr\\s*/?>");

    // One builder rather than Sanitizers.X.and(...): combined policies drop attributes that one of
    // them does not list (heading ids, footnote ids, task-list classes).
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowStandardUrlProtocols()
            .allowElements("p", "div", "section", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                    "blockquote", "pre", "code", "hr", "br", "b", "i", "u", "s", "em", "strong", "del", "ins",
                    "sup", "sub", "mark", "kbd", "small", "abbr", "cite", "q", "span", "figure", "figcaption",
                    "details", "summary", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
                    "caption", "colgroup", "col", "a", "img", "input")
            // Links without the forced rel=nofollow of Sanitizers.LINKS: authors link on purpose.
            .allowAttributes("href").onElements("a")
            .allowAttributes("src", "alt", "width", "height").onElements("img")
            .allowAttributes("id").matching(ID)
            .onElements("h1", "h2", "h3", "h4", "h5", "h6", "li", "sup", "a", "div", "section", "span")
            .allowAttributes("class").matching(CLASS)
            .onElements("code", "pre", "li", "input", "a", "div", "sup", "span")
            .allowAttributes("type").matching(Pattern.compile("checkbox")).onElements("input")
            .allowAttributes("checked", "disabled", "readonly").onElements("input")
            .allowAttributes("start").matching(Pattern.compile("\\d{1,9}")).onElements("ol")
            .allowAttributes("align").matching(Pattern.compile("left|right|center")).onElements("td", "th")
            .allowAttributes("colspan", "rowspan").matching(Pattern.compile("\\d{1,3}")).onElements("td", "th")
            .allowAttributes("title").globally()
            .toFactory();

    private static final PolicyFactory TEXT_ONLY = new HtmlPolicyBuilder().toFactory();

    private HtmlSanitizer() {
    }

    static String sanitize(String html) {
        return POLICY.sanitize(html);
    }

    /** Visible text of sanitized HTML, blocks separated by spaces, whitespace collapsed. */
    static String plainText(String sanitizedHtml) {
        // The space goes before the end tag, inside the element: the sanitizer drops text placed
        // where HTML allows none, as between list items or table cells.
        String spaced = BLOCK_END.matcher(sanitizedHtml).replaceAll(" $0");
        return Encoding.decodeHtml(TEXT_ONLY.sanitize(spaced)).replaceAll("\\s+", " ").strip();
    }
}
