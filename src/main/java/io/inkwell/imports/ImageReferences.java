package io.inkwell.imports;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the images a Markdown body uses, in Markdown syntax ({@code ![alt](ref "title")},
 * {@code ![alt](<ref with spaces>)}, {@code ![alt][id]} with its {@code [id]: ref}) and in HTML
 * ({@code <img src="ref">}, as {@link Shortcodes} writes for figure), and rewrites them to new
 * URLs. External references (any URL with a scheme, or starting with //) are not ours to move.
 * Code is left alone.
 */
public final class ImageReferences {

    private static final String ALT = "((?:[^\\[\\]\\\\]|\\\\.|\\[[^\\[\\]]*\\])*)";
    private static final Pattern INLINE_IMAGE = Pattern.compile("!\\[" + ALT + "\\]\\(\\s*"
            + "(?:<([^<>\\n]*)>|((?:[^\\s()\\\\]|\\\\.|\\((?:[^\\s()\\\\]|\\\\.)*\\))+))"
            + "(?:\\s+(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|\\((?:[^()\\\\]|\\\\.)*\\)))?\\s*\\)");
    private static final Pattern REFERENCE_IMAGE =
            Pattern.compile("!\\[((?:[^\\[\\]\\\\]|\\\\.)*)\\](?:\\[((?:[^\\[\\]\\\\]|\\\\.)*)\\])?");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile(
            "(?m)^ {0,3}\\[((?:[^\\[\\]\\\\]|\\\\.)+)\\]:[ \\t]*(?:\\n[ \\t]*)?(?:<([^<>\\n]*)>|(\\S+))");
    private static final Pattern HTML_IMAGE = Pattern.compile(
            "<img\\b[^<>]*?\\ssrc\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'=<>`]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    private static final Pattern MARKDOWN_ESCAPE = Pattern.compile("\\\\(\\p{Punct})");

    private ImageReferences() {
    }

    /** @param unresolved local references the function had no URL for, each once, in order */
    public record Rewrite(String markdown, List<String> unresolved) {
        public Rewrite {
            unresolved = List.copyOf(unresolved);
        }
    }

    /** URLs with a scheme (http:, https:, data:...) or protocol-relative ones are not the site's files. */
    public static boolean isExternal(String ref) {
        return ref.startsWith("//") || SCHEME.matcher(ref).find();
    }

    /** The local image references of a body, each once, in order of appearance. */
    public static List<String> find(String markdown) {
        Set<String> refs = new LinkedHashSet<>();
        occurrences(markdown).forEach(occurrence -> refs.add(occurrence.ref()));
        return new ArrayList<>(refs);
    }

    /**
     * Replaces each local reference with {@code newUrl.apply(ref)}; the function is called once
     * per distinct reference, and the reference is kept as written when it answers empty.
     */
    public static Rewrite rewrite(String markdown, Function<String, Optional<String>> newUrl) {
        Map<String, Optional<String>> answers = new HashMap<>();
        Set<String> unresolved = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder(markdown.length());
        int copied = 0;
        for (Occurrence occurrence : occurrences(markdown)) {
            Optional<String> url = answers.computeIfAbsent(occurrence.ref(), newUrl);
            if (url.isEmpty()) {
                unresolved.add(occurrence.ref());
                continue;
            }
            out.append(markdown, copied, occurrence.start()).append(occurrence.syntax().encode(url.get()));
            copied = occurrence.end();
        }
        out.append(markdown, copied, markdown.length());
        return new Rewrite(out.toString(), new ArrayList<>(unresolved));
    }

    /** How a replacement URL must be written where the reference was. */
    private enum Syntax {
        MARKDOWN {
            @Override
            String encode(String url) {
                // Spaces and parentheses would end a bare destination early.
                return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29");
            }
        },
        MARKDOWN_ANGLE {
            @Override
            String encode(String url) {
                return url.replace("<", "%3C").replace(">", "%3E");
            }
        },
        HTML_QUOTED {
            @Override
            String encode(String url) {
                return Html.escape(url);
            }
        },
        HTML_UNQUOTED {
            @Override
            String encode(String url) {
                return "\"" + Html.escape(url) + "\"";
            }
        };

        abstract String encode(String url);
    }

    /** The characters [start, end) of the markdown hold the reference {@code ref}. */
    private record Occurrence(int start, int end, String ref, Syntax syntax) {
    }

    private static boolean containsIgnoreCase(String text, String lowerCaseNeedle) {
        for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
            if (text.regionMatches(true, i, lowerCaseNeedle, 0, lowerCaseNeedle.length())) {
                return true;
            }
        }
        return false;
    }

    private static List<Occurrence> occurrences(String markdown) {
        // Most posts have no image at all: skip the scan (an import reads thousands of files).
        if (!markdown.contains("![") && !containsIgnoreCase(markdown, "<img")) {
            return List.of();
        }
        boolean[] code = MarkdownCode.mask(markdown);
        List<Occurrence> found = new ArrayList<>();

        Matcher inline = INLINE_IMAGE.matcher(markdown);
        while (inline.find()) {
            if (!code[inline.start()]) {
                boolean angle = inline.group(2) != null;
                int group = angle ? 2 : 3;
                add(found, inline.start(group), inline.end(group), unescapeMarkdown(inline.group(group)),
                        angle ? Syntax.MARKDOWN_ANGLE : Syntax.MARKDOWN);
            }
        }

        Set<String> imageLabels = new java.util.HashSet<>();
        Matcher byReference = REFERENCE_IMAGE.matcher(markdown);
        while (byReference.find()) {
            boolean isInline = byReference.end() < markdown.length() && markdown.charAt(byReference.end()) == '('
                    && byReference.group(2) == null;
            if (!code[byReference.start()] && !isInline) {
                String label = byReference.group(2) == null || byReference.group(2).isEmpty()
                        ? byReference.group(1) : byReference.group(2);
                imageLabels.add(normalizeLabel(label));
            }
        }
        Matcher definition = REFERENCE_DEFINITION.matcher(markdown);
        while (definition.find()) {
            if (!code[definition.start()] && imageLabels.contains(normalizeLabel(definition.group(1)))) {
                boolean angle = definition.group(2) != null;
                int group = angle ? 2 : 3;
                add(found, definition.start(group), definition.end(group), unescapeMarkdown(definition.group(group)),
                        angle ? Syntax.MARKDOWN_ANGLE : Syntax.MARKDOWN);
            }
        }

        Matcher html = HTML_IMAGE.matcher(markdown);
        while (html.find()) {
            if (code[html.start()]) {
                continue;
            }
            int group = html.group(1) != null ? 1 : html.group(2) != null ? 2 : 3;
            add(found, html.start(group), html.end(group), Html.unescape(html.group(group)),
                    group == 3 ? Syntax.HTML_UNQUOTED : Syntax.HTML_QUOTED);
        }
        found.sort(Comparator.comparingInt(Occurrence::start));
        // In malformed text one match can lie inside another (an <img> in alt text); the first wins.
        List<Occurrence> separate = new ArrayList<>();
        for (Occurrence occurrence : found) {
            if (separate.isEmpty() || occurrence.start() >= separate.get(separate.size() - 1).end()) {
                separate.add(occurrence);
            }
        }
        return separate;
    }

    private static void add(List<Occurrence> found, int start, int end, String ref, Syntax syntax) {
        String trimmed = ref.strip();
        if (!trimmed.isEmpty() && !isExternal(trimmed)) {
            found.add(new Occurrence(start, end, trimmed, syntax));
        }
    }

    private static String unescapeMarkdown(String destination) {
        return MARKDOWN_ESCAPE.matcher(destination).replaceAll("$1");
    }

    /** CommonMark matches labels case-insensitively with runs of white space collapsed. */
    private static String normalizeLabel(String label) {
        return label.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
