package io.inkwell.common.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.owasp.html.Handler;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.HtmlStreamRenderer;

/**
 * Rewrites the URLs of links and images in HTML that was sanitized already (a post's body), with
 * OWASP's HTML lexer and renderer rather than regular expressions: every {@code a href} and
 * {@code img src} goes through {@code rewrite}; the rest passes unchanged.
 */
public final class HtmlLinks {

    private HtmlLinks() {
    }

    public static String rewrite(String sanitizedHtml, UnaryOperator<String> rewrite) {
        if (sanitizedHtml == null || sanitizedHtml.isEmpty()) {
            return sanitizedHtml;
        }
        StringBuilder out = new StringBuilder(sanitizedHtml.length() + 256);
        HtmlStreamRenderer renderer = HtmlStreamRenderer.create(out, Handler.DO_NOTHING);
        HtmlSanitizer.sanitize(sanitizedHtml, new HtmlSanitizer.Policy() {
            @Override
            public void openDocument() {
                renderer.openDocument();
            }

            @Override
            public void closeDocument() {
                renderer.closeDocument();
            }

            @Override
            public void openTag(String element, List<String> attributes) {
                renderer.openTag(element, rewritten(element, attributes, rewrite));
            }

            @Override
            public void closeTag(String element) {
                renderer.closeTag(element);
            }

            @Override
            public void text(String text) {
                renderer.text(text);
            }
        });
        return out.toString();
    }

    /** Attributes come as name, value, name, value... */
    private static List<String> rewritten(String element, List<String> attributes, UnaryOperator<String> rewrite) {
        String urlAttribute = switch (element.toLowerCase(Locale.ROOT)) {
            case "a" -> "href";
            case "img" -> "src";
            default -> null;
        };
        if (urlAttribute == null) {
            return attributes;
        }
        List<String> result = new ArrayList<>(attributes);
        for (int i = 0; i + 1 < result.size(); i += 2) {
            if (result.get(i).equalsIgnoreCase(urlAttribute)) {
                result.set(i + 1, rewrite.apply(result.get(i + 1)));
            }
        }
        return result;
    }
}
