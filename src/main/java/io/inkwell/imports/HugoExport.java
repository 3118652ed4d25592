package io.inkwell.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inkwell.post.PostType;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;



/**
 * Writes posts as Hugo page bundles ({@code content/posts/<slug>/index.md}) with TOML front
 * matter, which Hugo reads and {@link FrontMatterParser} + {@link SiteMapper} read back to the
 * same post. TOML is written by hand because the front matter needs unquoted date-times and a
 * fixed key order. Nested meta values are written as inline tables, which keeps every key next to
 * its siblings in the stored order (TOML would otherwise move tables to the end).
 */
public final class HugoExport {

    private static final Pattern BARE_KEY = Pattern.compile("[A-Za-z0-9_-]+");
    private static final BigInteger MIN_INTEGER = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_INTEGER = BigInteger.valueOf(Long.MAX_VALUE);

    private HugoExport() {
    }

    /** Where the post goes in the exported site; posts under content/posts/, pages under content/. */
    public static String bundlePath(ExportPost post) {
        return (post.type() == PostType.PAGE ? "content/" : "content/posts/") + post.slug() + "/index.md";
    }

    public static String render(ExportPost post) {
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
        toml.string("image", post.featureImage());
        toml.strings("aliases", post.aliases());
        if (post.meta() != null) {
            for (Map.Entry<String, JsonNode> field : post.meta().properties()) {
                toml.meta(field.getKey(), field.getValue());
            }
        }
        return "+++\n" + toml.text() + "+++\n\n" + post.markdown();
    }

    /** A TOML document being written; remembers keys so that meta cannot shadow a mapped one. */
    private static final class Toml {
        private final StringBuilder text = new StringBuilder();
        private final Set<String> written = new HashSet<>();

        void line(String key, String value) {
            written.add(key.toLowerCase(Locale.ROOT));
            text.append(key(key)).append(" = ").append(value).append('\n');
        }

        void string(String key, String value) {
            if (value != null) {
                line(key, quote(value));
            }
        }

        void date(String key, OffsetDateTime value) {
            if (value != null) {
                line(key, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value.withOffsetSameInstant(ZoneOffset.UTC)));
            }
        }

        void strings(String key, List<String> values) {
            if (!values.isEmpty()) {
                line(key, "[" + String.join(", ", values.stream().map(Toml::quote).toList()) + "]");
            }
        }

        /**
         * A meta key that SiteMapper would read as one of ours (say "summary") would not come back
         * as meta, so it is left out; cover and images come back as meta and are kept.
         */
        void meta(String key, JsonNode value) {
            String lower = key.toLowerCase(Locale.ROOT);
            // cover, images and aliases are read back into meta too, so they may stand there.
            boolean wouldBeMapped = SiteMapper.MAPPED_KEYS.contains(lower) && !lower.equals("cover")
                    && !lower.equals("images") && !lower.equals("aliases");
            if (wouldBeMapped || written.contains(lower) || value.isNull() || value.isMissingNode()) {
                return;
            }
            line(key, value(value));
        }

        String text() {
            return text.toString();
        }

        /** TOML has no null: null members of lists and tables are left out. */
        private static String value(JsonNode node) {
            if (node.isTextual()) {
                return quote(node.textValue());
            }
            if (node.isBoolean()) {
                return String.valueOf(node.booleanValue());
            }
            if (node.isIntegralNumber()) {
                BigInteger integer = node.bigIntegerValue();
                // TOML integers are 64-bit; anything larger survives as text.
                return integer.compareTo(MIN_INTEGER) < 0 || integer.compareTo(MAX_INTEGER) > 0
                        ? quote(integer.toString()) : integer.toString();
            }
            if (node.isNumber()) {
                double number = node.doubleValue();
                if (Double.isNaN(number)) {
                    return "nan";
                }
                if (Double.isInfinite(number)) {
                    return number > 0 ? "inf" : "-inf";
                }
                String decimal = node.isBigDecimal() ? node.decimalValue().toString() : Double.toString(number);
                return decimal.contains(".") || decimal.contains("e") || decimal.contains("E") ? decimal : decimal + ".0";
            }
            if (node.isArray()) {
                StringBuilder array = new StringBuilder("[");
                for (JsonNode item : node) {
                    if (!item.isNull()) {
                        array.append(array.length() > 1 ? ", " : "").append(value(item));
                    }
                }
                return array.append(']').toString();
            }
            if (node.isObject()) {
                StringBuilder table = new StringBuilder("{");
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    if (!field.getValue().isNull()) {
                        table.append(table.length() > 1 ? ", " : " ").append(key(field.getKey())).append(" = ")
                                .append(value(field.getValue()));
                    }
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
