package io.inkwell.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.post.PostType;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Writes posts as Hugo page bundles ({@code content/posts/<slug>/index.md}) with TOML front
 * matter, which Hugo reads and {@link FrontMatterParser} + {@link SiteMapper} read back to the
 * same post. TOML is written by hand because the front matter needs unquoted date-times and a
 * fixed key order. Nested meta values are written as inline tables, which keeps every key next to
 * its siblings in the stored order (TOML would otherwise move tables to the end).
 *
 * <p>So that every post comes back as it was: when a meta key is named like a key the importer
 * reads itself ({@code title}, {@code cover}, {@code params}...), the whole meta goes under
 * Hugo's {@code [params]} table, whose keys the importer reads back into meta in order; numbers
 * are written as they are stored (TOML reads them back exactly, though Hugo refuses an integer
 * beyond 64 bits or a float beyond a double); and a post whose meta holds a null, which TOML
 * cannot write, gets JSON front matter instead, which Hugo reads too.
 */
public final class HugoExport {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final ObjectWriter JSON_FRONT_MATTER = JsonMapper.builder()
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true)).build().writerWithDefaultPrettyPrinter();

    private HugoExport() {
    }

    /** Where the post goes in the exported site; posts under content/posts/, pages under content/. */
    public static String bundlePath(ExportPost post) {
        String path = (post.type() == PostType.PAGE ? "content/" : "content/posts/") + post.slug() + "/index.md";
        // A page named "posts" (or post, blog) would land in a folder of posts and come back as one.
        return ContentPaths.classify(path).kind().equals(Optional.of(post.type())) ? path
                : "content/pages/" + post.slug() + "/index.md";
    }

    public static String render(ExportPost post) {
        ObjectNode meta = post.meta() == null ? JsonNodeFactory.instance.objectNode() : post.meta();
        boolean underParams = needsParams(post, meta);
        if (holdsNull(meta)) {
            return json(post, meta, underParams) + "\n\n" + post.markdown();
        }
        Toml toml = new Toml();
        toml.string("title", post.title());
        toml.string("slug", post.slug());
        toml.date("date", post.publishedAt());
        toml.date("lastmod", post.updatedAt());
        toml.line("draft", String.valueOf(post.draft()));
        toml.date("expiryDate", post.expiryDate());
        toml.strings("tags", post.tags());
        toml.strings("categories", post.categories());
        toml.strings("authors", post.authors());
        toml.string("description", post.excerpt());
        featureImageWithAlt(post).ifPresentOrElse(cover -> toml.line(SiteMapper.COVER, Toml.value(cover)),
                () -> toml.string("image", post.featureImage()));
        toml.strings("aliases", post.aliases());
        if (underParams) {
            aliasesInMeta(post, meta).ifPresent(aliases -> toml.line(aliases.getKey(), Toml.value(aliases.getValue())));
            toml.table(SiteMapper.PARAMS);
        }
        for (Map.Entry<String, JsonNode> field : meta.properties()) {
            toml.line(field.getKey(), Toml.value(field.getValue()));
        }
        return "+++\n" + toml.text() + "+++\n\n" + post.markdown();
    }

    /**
     * A feature image with alt text as Hugo's PaperMod theme reads it, {@code cover = {image,
     * alt}}, which the importer reads back; without alt text, {@code image} is enough.
     */
    private static Optional<ObjectNode> featureImageWithAlt(ExportPost post) {
        if (post.featureImage() == null || post.featureImageAlt() == null || post.featureImageAlt().isBlank()) {
            return Optional.empty();
        }
        ObjectNode cover = JsonNodeFactory.instance.objectNode();
        cover.put("image", post.featureImage());
        cover.put(SiteMapper.ALT, post.featureImageAlt());
        return Optional.of(cover);
    }

    /**
     * Whether a meta key, at the top of the front matter, would be read as something else: a key
     * the importer maps (all but aliases, which it keeps in meta as given), aliases when the post
     * has its own, or params itself.
     */
    private static boolean needsParams(ExportPost post, ObjectNode meta) {
        for (Map.Entry<String, JsonNode> field : meta.properties()) {
            String key = field.getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            boolean mapped = SiteMapper.MAPPED_KEYS.contains(lower) && !lower.equals("aliases");
            boolean aliasesNotRead = lower.equals("aliases") && (!post.aliases().isEmpty() || !isTextOrTexts(field.getValue()));
            if (mapped || lower.equals(SiteMapper.PARAMS) || aliasesNotRead) {
                return true;
            }
        }
        return false;
    }

    /**
     * Aliases kept in meta, which must also stand at the top when meta goes under params: there
     * they redirect (in Hugo) and give old slugs (here).
     */
    private static Optional<Map.Entry<String, JsonNode>> aliasesInMeta(ExportPost post, ObjectNode meta) {
        if (!post.aliases().isEmpty()) {
            return Optional.empty();
        }
        return meta.properties().stream().filter(field -> field.getKey().equalsIgnoreCase("aliases"))
                .filter(field -> isTextOrTexts(field.getValue())).findFirst();
    }

    /** What the importer reads as aliases (a text or a list of texts); anything else it refuses there. */
    private static boolean isTextOrTexts(JsonNode value) {
        if (value.isTextual()) {
            return true;
        }
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean holdsNull(JsonNode node) {
        if (node.isNull()) {
            return true;
        }
        for (JsonNode child : node) {
            if (holdsNull(child)) {
                return true;
            }
        }
        return false;
    }

    /** JSON front matter, the keys in the order and form of the TOML. */
    private static String json(ExportPost post, ObjectNode meta, boolean underParams) {
        ObjectNode front = JsonNodeFactory.instance.objectNode();
        putIfSet(front, "title", post.title());
        putIfSet(front, "slug", post.slug());
        putIfSet(front, "date", Toml.dateText(post.publishedAt()));
        putIfSet(front, "lastmod", Toml.dateText(post.updatedAt()));
        front.put("draft", post.draft());
        putIfSet(front, "expiryDate", Toml.dateText(post.expiryDate()));
        putIfSet(front, "tags", post.tags());
        putIfSet(front, "categories", post.categories());
        putIfSet(front, "authors", post.authors());
        putIfSet(front, "description", post.excerpt());
        featureImageWithAlt(post).ifPresentOrElse(cover -> front.set(SiteMapper.COVER, cover),
                () -> putIfSet(front, "image", post.featureImage()));
        putIfSet(front, "aliases", post.aliases());
        if (underParams) {
            aliasesInMeta(post, meta).ifPresent(aliases -> front.set(aliases.getKey(), aliases.getValue()));
            front.set(SiteMapper.PARAMS, meta);
        } else {
            front.setAll(meta);
        }
        try {
            return JSON_FRONT_MATTER.writeValueAsString(front);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes is always writable", e);
        }
    }

    private static void putIfSet(ObjectNode front, String key, String value) {
        if (value != null) {
            front.put(key, value);
        }
    }

    private static void putIfSet(ObjectNode front, String key, List<String> values) {
        if (!values.isEmpty()) {
            values.forEach(front.putArray(key)::add);
        }
    }

    /** A TOML document being written, line by line. */
    private static final class Toml {
        private final StringBuilder text = new StringBuilder();

        void line(String key, String value) {
            text.append(key(key)).append(" = ").append(value).append('\n');
        }

        void string(String key, String value) {
            if (value != null) {
                line(key, quote(value));
            }
        }

        void date(String key, OffsetDateTime value) {
            if (value != null) {
                line(key, dateText(value));
            }
        }

        static String dateText(OffsetDateTime value) {
            return value == null ? null
                    : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC));
        }

        /** Starts a table: the lines after it are its keys. */
        void table(String name) {
            text.append('[').append(key(name)).append("]\n");
        }

        void strings(String key, List<String> values) {
            if (!values.isEmpty()) {
                line(key, "[" + String.join(", ", values.stream().map(Toml::quote).toList()) + "]");
            }
        }

        String text() {
            return text.toString();
        }

        /** A value without nulls (TOML has none; such a post is written as JSON instead). */
        static String value(JsonNode node) {
            if (node.isTextual()) {
                return quote(node.textValue());
            }
            if (node.isBoolean()) {
                return String.valueOf(node.booleanValue());
            }
            if (node.isIntegralNumber()) {
                return node.bigIntegerValue().toString();
            }
            if (node.isBigDecimal()) {
                // As stored: 1.10 stays 1.10, and 1E+400 is not a double's infinity.
                String decimal = node.decimalValue().toString();
                return decimal.contains(".") || decimal.contains("E") ? decimal : decimal + ".0";
            }
            if (node.isNumber()) {
                double number = node.doubleValue();
                if (Double.isNaN(number)) {
                    return "nan";
                }
                if (Double.isInfinite(number)) {
                    return number > 0 ? "inf" : "-inf";
                }
                String decimal = Double.toString(number);
                return decimal.contains(".") || decimal.contains("E") ? decimal : decimal + ".0";
            }
            if (node.isArray()) {
                StringBuilder array = new StringBuilder("[");
                for (JsonNode item : node) {
                    array.append(array.length() > 1 ? ", " : "").append(value(item));
                }
                return array.append(']').toString();
            }
            if (node.isObject()) {
                StringBuilder table = new StringBuilder("{");
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    table.append(table.length() > 1 ? ", " : " ").append(key(field.getKey())).append(" = ")
                            .append(value(field.getValue()));
                }
                return table.append(table.length() > 1 ? " }" : "}").toString();
            }
            // Binary or POJO nodes cannot come from a parsed file; write their text.
            return quote(node.asText());
        }

        private static String key(String key) {
            return BARE_KEY.matcher(key).matches() ? key : quote(key);
        }

        /** A TOML basic string: quotes, backslashes and control characters escaped; Unicode as is. */
        private static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (c < 0x20 || c == 0x7F) {
                            out.append(String.format("\\u%04X", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
