package io.inkwell.imports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns Hugo's built-in shortcodes into Markdown or HTML our renderer understands, since nothing
 * runs Hugo templates here. Shortcodes we do not know are kept exactly as written (the author
 * can fix them later) and reported. Code blocks and inline code are left alone: that is where
 * sites show shortcode syntax. Run this before {@link ImageReferences}, so that the images of
 * {@code figure} are found too.
 */
public final class Shortcodes {

    private static final Pattern YOUTUBE_ID = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern VIMEO_ID = Pattern.compile("[A-Za-z0-9]+");
    private static final Pattern GIST_USER = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9_+#.-]*");

    private Shortcodes() {
    }

    /** What {@code ref} and {@code relref} point to: a content path such as "post/other.md". */
    @FunctionalInterface
    public interface RefResolver {
        /** The URL of the imported post or page at that content path, if there is one. */
        Optional<String> resolve(String contentPath);
    }

    /** @param warnings with line numbers within the given Markdown and no path */
    public record Result(String markdown, List<ImportMessage> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    public static Result render(String markdown, RefResolver refs) {
        if (!markdown.contains("{{")) {
            return new Result(markdown, List.of());
        }
        return new Rendering(markdown, refs).run();
    }

    /** One {@code {{< name params >}}} or {@code {{% /name %}}} as written. */
    private record Tag(int start, int end, boolean closing, String name, List<String> positional,
            Map<String, String> named, String literal) {

        String param(String key, int position) {
            String value = named.get(key);
            if (value == null && position < positional.size()) {
                value = positional.get(position);
            }
            return value == null || value.isBlank() ? null : value;
        }
    }

    private static final class Rendering {
        private final String source;
        private final RefResolver refs;
        private final boolean[] code;
        private final MarkdownCode.LineIndex lines;
        private final StringBuilder out = new StringBuilder();
        private final List<ImportMessage> warnings = new ArrayList<>();
        // Once no closing tag follows some position, none follows a later one: don't search again.
        private final java.util.Set<String> neverClosed = new java.util.HashSet<>();

        Rendering(String source, RefResolver refs) {
            this.source = source;
            this.refs = refs;
            this.code = MarkdownCode.mask(source);
            this.lines = new MarkdownCode.LineIndex(source);
        }

        Result run() {
            int copied = 0;
            int at = source.indexOf("{{", 0);
            while (at >= 0) {
                Tag tag = code[at] ? null : TagParser.parse(source, at);
                if (tag == null) {
                    at = source.indexOf("{{", at + 2);
                    continue;
                }
                out.append(source, copied, tag.start());
                int resumeAt = tag.end();
                if (tag.literal() != null) {
                    out.append(tag.literal());
                } else if (tag.closing()) {
                    out.append(source, tag.start(), tag.end());
                } else if (tag.name().equals("highlight")) {
                    resumeAt = highlight(tag);
                } else {
                    out.append(replacement(tag).orElse(source.substring(tag.start(), tag.end())));
                }
                copied = resumeAt;
                at = source.indexOf("{{", resumeAt);
            }
            out.append(source, copied, source.length());
            return new Result(out.toString(), warnings);
        }

        private Optional<String> replacement(Tag tag) {
            switch (tag.name()) {
                case "figure":
                    return figure(tag);
                case "youtube":
                    return video(tag, YOUTUBE_ID, id -> "[![YouTube video](https://img.youtube.com/vi/" + id
                            + "/hqdefault.jpg)](https://www.youtube.com/watch?v=" + id + ")");
                case "vimeo":
                    return video(tag, VIMEO_ID, id -> "[Vimeo video](https://vimeo.com/" + id + ")");
                case "gist":
                    return gist(tag);
                case "ref":
                case "relref":
                    return ref(tag);
                default:
                    warn(tag, "shortcode \"" + tag.name() + "\" is not supported; it is kept as written");
                    return Optional.empty();
            }
        }

        private Optional<String> figure(Tag tag) {
            String src = tag.param("src", 0);
            if (src == null) {
                warn(tag, "figure without src; it is kept as written");
                return Optional.empty();
            }
            StringBuilder html = new StringBuilder("<figure");
            attribute(html, "class", tag.named().get("class"));
            html.append('>');
            String link = tag.named().get("link");
            if (link != null) {
                html.append("<a");
                attribute(html, "href", link);
                attribute(html, "target", tag.named().get("target"));
                attribute(html, "rel", tag.named().get("rel"));
                html.append('>');
            }
            html.append("<img");
            attribute(html, "src", src);
            attribute(html, "alt", tag.named().getOrDefault("alt", tag.named().getOrDefault("caption", "")));
            attribute(html, "width", tag.named().get("width"));
            attribute(html, "height", tag.named().get("height"));
            html.append('>');
            if (link != null) {
                html.append("</a>");
            }
            String title = tag.named().get("title");
            String caption = tag.named().get("caption");
            String attribution = tag.named().get("attr");
            if (title != null || caption != null || attribution != null) {
                html.append("<figcaption>");
                if (title != null) {
                    html.append("<h4>").append(Html.escape(title)).append("</h4>");
                }
                if (caption != null || attribution != null) {
                    html.append("<p>");
                    if (caption != null) {
                        html.append(Html.escape(caption));
                    }
                    if (attribution != null) {
                        html.append(caption != null ? " " : "");
                        String attrLink = tag.named().get("attrlink");
                        if (attrLink != null) {
                            html.append("<a href=\"").append(Html.escape(attrLink)).append("\">")
                                    .append(Html.escape(attribution)).append("</a>");
                        } else {
                            html.append(Html.escape(attribution));
                        }
                    }
                    html.append("</p>");
                }
                html.append("</figcaption>");
            }
            return Optional.of(html.append("</figure>").toString());
        }

        private static void attribute(StringBuilder html, String name, String value) {
            if (value != null) {
                html.append(' ').append(name).append("=\"").append(Html.escape(value)).append('"');
            }
        }

        private Optional<String> video(Tag tag, Pattern validId, java.util.function.UnaryOperator<String> link) {
            String id = tag.param("id", 0);
            if (id == null || !validId.matcher(id).matches()) {
                warn(tag, tag.name() + " needs a video id" + (id == null ? "" : ", not \"" + id + "\"")
                        + "; it is kept as written");
                return Optional.empty();
            }
            return Optional.of(link.apply(id));
        }

        private Optional<String> gist(Tag tag) {
            String user = tag.param("user", 0);
            String id = tag.param("id", 1);
            if (user == null || id == null || !GIST_USER.matcher(user).matches()
                    || !VIMEO_ID.matcher(id).matches()) {
                warn(tag, "gist needs a user and a gist id; it is kept as written");
                return Optional.empty();
            }
            String url = "https://gist.github.com/" + user + "/" + id;
            String file = tag.param("file", 2);
            if (file == null) {
                return Optional.of("[Gist " + user + "/" + id + "](" + url + ")");
            }
            // GitHub's anchor for one file of a gist: "file-" and the name with dots as dashes.
            String anchor = "file-" + file.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
            return Optional.of("[Gist " + user + "/" + id + ": " + Html.escape(file) + "](" + url + "#" + anchor + ")");
        }

        private Optional<String> ref(Tag tag) {
            String target = tag.param("path", 0);
            if (target == null) {
                warn(tag, tag.name() + " without a path; it is kept as written");
                return Optional.empty();
            }
            int hash = target.indexOf('#');
            String anchor = hash >= 0 ? target.substring(hash) : "";
            String contentPath = hash >= 0 ? target.substring(0, hash) : target;
            Optional<String> url = contentPath.isEmpty() ? Optional.of(anchor)
                    : refs.resolve(contentPath).map(found -> found + anchor);
            if (url.isEmpty()) {
                warn(tag, tag.name() + " \"" + target + "\" matches no imported post or page; it is kept as written");
            }
            return url;
        }

        /** highlight ... /highlight becomes a fenced block; returns where to resume copying. */
        private int highlight(Tag open) {
            Tag close = findClosing(open);
            if (close == null) {
                warn(open, "highlight is never closed by {{< /highlight >}}; it is kept as written");
                out.append(source, open.start(), open.end());
                return open.end();
            }
            String language = open.param("lang", 0);
            if (language == null || !LANGUAGE.matcher(language).matches()) {
                language = "";
            }
            String body = source.substring(open.end(), close.start())
                    .replaceFirst("\\A[ \\t]*\\r?\\n", "")
                    .replaceFirst("\\r?\\n[ \\t]*\\z", "");
            String fence = "```";
            while (body.contains(fence)) {
                fence += "`";
            }
            if (open.start() > 0 && source.charAt(open.start() - 1) != '\n') {
                out.append('\n');
            }
            out.append(fence).append(language).append('\n').append(body).append('\n').append(fence);
            if (close.end() < source.length() && source.charAt(close.end()) != '\n'
                    && source.charAt(close.end()) != '\r') {
                out.append('\n');
            }
            return close.end();
        }

        private Tag findClosing(Tag open) {
            if (neverClosed.contains(open.name())) {
                return null;
            }
            int at = source.indexOf("{{", open.end());
            while (at >= 0) {
                Tag tag = TagParser.parse(source, at);
                if (tag != null && tag.closing() && tag.name().equals(open.name())) {
                    return tag;
                }
                at = source.indexOf("{{", at + 2);
            }
            neverClosed.add(open.name());
            return null;
        }

        private void warn(Tag tag, String message) {
            warnings.add(new ImportMessage(null, lines.lineOf(tag.start()), message));
        }
    }

    /** Reads one tag by hand: quoted parameters may contain anything, including ">}}". */
    private static final class TagParser {
        private final String text;
        private int pos;

        private TagParser(String text, int pos) {
            this.text = text;
            this.pos = pos;
        }

        /** The tag starting at {@code start} (at "{{"), or null when the text there is not one. */
        static Tag parse(String text, int start) {
            if (start + 2 >= text.length()) {
                return null;
            }
            char marker = text.charAt(start + 2);
            if (marker != '<' && marker != '%') {
                return null;
            }
            String closer = (marker == '<' ? ">" : "%") + "}}";
            // {{</* name */>}} is Hugo's way of showing a shortcode without running it.
            if (text.startsWith("/*", start + 3)) {
                int end = text.indexOf("*/" + closer, start + 5);
                return end < 0 ? null : new Tag(start, end + 2 + closer.length(), false, "", List.of(), Map.of(),
                        "{{" + marker + text.substring(start + 5, end) + closer);
            }
            return new TagParser(text, start + 3).tag(start, closer);
        }

        private Tag tag(int start, String closer) {
            skipSpaces();
            boolean closing = consume("/");
            skipSpaces();
            int nameStart = pos;
            while (pos < text.length() && isNameChar(text.charAt(pos))) {
                pos++;
            }
            if (pos == nameStart) {
                return null;
            }
            String name = text.substring(nameStart, pos);
            List<String> positional = new ArrayList<>();
            Map<String, String> named = new LinkedHashMap<>();
            while (true) {
                boolean spaced = skipSpaces();
                if (consume(closer) || consume("/" + closer)) {
                    return new Tag(start, pos, closing, name, positional, named, null);
                }
                if (!spaced || pos >= text.length()) {
                    return null;
                }
                String first = value();
                if (first == null) {
                    return null;
                }
                if (pos < text.length() && text.charAt(pos) == '=') {
                    pos++;
                    String second = value();
                    if (second == null) {
                        return null;
                    }
                    named.put(first, second);
                } else {
                    positional.add(first);
                }
            }
        }

        /** A quoted string (with \" escapes), a `raw` string, or a bare word. */
        private String value() {
            if (pos >= text.length()) {
                return null;
            }
            char c = text.charAt(pos);
            if (c == '"') {
                StringBuilder value = new StringBuilder();
                pos++;
                while (pos < text.length() && text.charAt(pos) != '"') {
                    if (text.charAt(pos) == '\\' && pos + 1 < text.length()) {
                        pos++;
                    }
                    value.append(text.charAt(pos++));
                }
                return consume("\"") ? value.toString() : null;
            }
            if (c == '`') {
                int end = text.indexOf('`', pos + 1);
                if (end < 0) {
                    return null;
                }
                String value = text.substring(pos + 1, end);
                pos = end + 1;
                return value;
            }
            int begin = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos)) && text.charAt(pos) != '='
                    && !text.startsWith(">}}", pos) && !text.startsWith("%}}", pos) && !text.startsWith("/>}}", pos)
                    && !text.startsWith("/%}}", pos)) {
                pos++;
            }
            return pos == begin ? null : text.substring(begin, pos);
        }

        private boolean skipSpaces() {
            int begin = pos;
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
            return pos > begin;
        }

        private boolean consume(String expected) {
            if (text.startsWith(expected, pos)) {
                pos += expected.length();
                return true;
            }
            return false;
        }

        private static boolean isNameChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
        }
    }
}
