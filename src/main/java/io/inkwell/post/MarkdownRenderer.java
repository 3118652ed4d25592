package io.inkwell.post;

import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.footnotes.FootnoteExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.data.MutableDataSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown to safe HTML, plus what is derived from the body. Runs when a post is saved, never
 * per request.
 */
public final class MarkdownRenderer {

    static final int EXCERPT_MAX_CHARS = 300;
    static final int WORDS_PER_MINUTE = 265;
    private static final Pattern MORE_MARKER = Pattern.compile("<!--\\s*more\\s*-->", Pattern.CASE_INSENSITIVE);

    private static final Parser PARSER;
    private static final HtmlRenderer RENDERER;

    static {
        MutableDataSet options = new MutableDataSet()
                .set(Parser.EXTENSIONS, List.of(TablesExtension.create(), StrikethroughExtension.create(),
                        TaskListExtension.create(), AutolinkExtension.create(), FootnoteExtension.create()))
                // GitHub-flavoured tables
                .set(TablesExtension.COLUMN_SPANS, false)
                .set(TablesExtension.APPEND_MISSING_COLUMNS, true)
                .set(TablesExtension.DISCARD_EXTRA_COLUMNS, true)
                .set(TablesExtension.HEADER_SEPARATOR_COLUMN_MATCH, true)
                .set(HtmlRenderer.GENERATE_HEADER_ID, true)
                .set(HtmlRenderer.RENDER_HEADER_ID, true)
                .set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-")
                .set(HtmlRenderer.SOFT_BREAK, "\n");
        PARSER = Parser.builder(options).build();
        RENDERER = HtmlRenderer.builder(options).build();
    }

    private MarkdownRenderer() {
    }

    public record Rendered(String html, String derivedExcerpt, int wordCount, int readingTimeMinutes) {
    }

    public static Rendered render(String markdown) {
        String html = toSafeHtml(markdown);
        String text = HtmlSanitizer.plainText(html);
        int words = text.isEmpty() ? 0 : text.split(" ").length;
        int minutes = words == 0 ? 0 : Math.max(1, Math.round((float) words / WORDS_PER_MINUTE));
        return new Rendered(html, excerpt(markdown, text), words, minutes);
    }

    static String toSafeHtml(String markdown) {
        return HtmlSanitizer.sanitize(RENDERER.render(PARSER.parse(markdown)));
    }

    /** The text before {@code <!--more-->} when the author marked one, else the opening text. */
    private static String excerpt(String markdown, String fullText) {
        Matcher more = MORE_MARKER.matcher(markdown);
        String text = more.find() ? HtmlSanitizer.plainText(toSafeHtml(markdown.substring(0, more.start()))) : fullText;
        if (text.length() <= EXCERPT_MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', EXCERPT_MAX_CHARS - 1);
        return text.substring(0, cut > 0 ? cut : EXCERPT_MAX_CHARS - 1).stripTrailing() + "…";
    }
}
