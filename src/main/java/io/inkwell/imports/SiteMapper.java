package io.inkwell.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.slug.NamedReferences;
import io.inkwell.common.slug.Slugs;
import io.inkwell.post.PostType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gives Hugo's and Jekyll's front-matter names our meaning. Keys are matched without regard to
 * case, as Hugo does. Where several keys can give one value (description, summary, excerpt) the
 * first that is set wins and the others are reported as ignored. Every key we do not map lands
 * in {@code meta} untouched and in file order; of {@code cover} and {@code images}, only the
 * part used as the feature image is taken out. The keys of Hugo's {@code params} table are meta
 * too, whatever their names (an export puts meta there when a key is named like a mapped one).
 */
public final class SiteMapper {

    /** Hugo's table for a page's own parameters. */
    static final String PARAMS = "params";
    /** The feature image with its alt text, as Hugo's PaperMod theme reads it: {@code cover = {image, alt}}. */
    static final String COVER = "cover";
    static final String ALT = "alt";

    /** Keys read by this class; none of them reaches {@code meta} (except aliases, unused cover and images). */
    static final Set<String> MAPPED_KEYS = Set.of("title", "slug", "date", "publishdate", "pubdate", "published",
            "lastmod", "modified", "expirydate", "unpublishdate", "draft", "tags", "categories", "author",
            "authors", "description", "summary", "excerpt", "image", "featured_image", "cover", "images",
            "aliases");

    private static final Pattern JEKYLL_FILE_NAME = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})-(.+)");
    private static final Pattern ATX_HEADING_1 = Pattern.compile("(?m)^ {0,3}#[ \\t]+(.+?)(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern LEADING_BLANK_LINES = Pattern.compile("\\A(?:[ \\t]*\\n)+");
    /**
     * A front matter delimiter with only characters before it that look blank but are not spaces
     * or tabs to Hugo (a no-break space, a second byte order mark): front matter that was meant.
     */
    private static final Pattern MISSED_DELIMITER = Pattern.compile(
            "\\A[\\s\\u00A0\\u2007\\u202F\\u200B\\u2060\\uFEFF]*?(---|\\+\\+\\+)[ \\t]*(?:\\n|\\z)");

    private SiteMapper() {
    }

    /** The result for one file of a site: a post or page, or the reason it is not one. */
    public sealed interface Outcome permits Imported, Skipped {
    }

    public record Imported(ImportedPost post) implements Outcome {
    }

    public record Skipped(String path, String reason) implements Outcome {
    }

    /**
     * Maps a file found in a site archive.
     *
     * @param sitePath path relative to the site root, as given by {@link SiteLayout}
     * @param zone     the zone of dates written without one
     * @throws ImportFileException when a value cannot be read, or a title is missing
     */
    public static Outcome mapSiteFile(String sitePath, SourceDocument document, ZoneId zone) {
        return mapSiteFile(sitePath, document, zone, Optional.empty());
    }

    /** The same, with {@code type} (when given) deciding what the file is instead of its folder. */
    public static Outcome mapSiteFile(String sitePath, SourceDocument document, ZoneId zone, Optional<PostType> type) {
        ContentPaths.Classification classification = ContentPaths.classify(sitePath);
        if (classification.isSkipped()) {
            return new Skipped(sitePath, classification.skipReason());
        }
        return new Imported(map(sitePath, document, type.orElse(classification.kind().orElseThrow()),
                ContentPaths.isDraftFolder(sitePath), zone));
    }

    /** Maps a Markdown file uploaded on its own, which is a post unless {@code type} says otherwise. */
    public static ImportedPost mapSingleFile(String fileName, SourceDocument document, ZoneId zone,
            Optional<PostType> type) {
        return map(ContentPaths.fileName(fileName.replace('\\', '/')), document, type.orElse(PostType.POST), false, zone);
    }

    public static ImportedPost mapSingleFile(String fileName, SourceDocument document, ZoneId zone) {
        return mapSingleFile(fileName, document, zone, Optional.empty());
    }

    private static ImportedPost map(String path, SourceDocument document, PostType kind, boolean inDraftFolder,
            ZoneId zone) {
        return new Fields(path, document, zone).toPost(kind, inDraftFolder);
    }

    /** Reads one document's fields, collecting warnings on the way. */
    private static final class Fields {

        private final String path;
        private final SourceDocument document;
        private final ZoneId zone;
        // lower-cased key -> key as written
        private final Map<String, String> keys = new LinkedHashMap<>();
        private final List<ImportMessage> warnings = new ArrayList<>();
        private final List<ImportMessage> nameErrors = new ArrayList<>();

        Fields(String path, SourceDocument document, ZoneId zone) {
            this.path = path;
            this.document = document;
            this.zone = zone;
            for (Map.Entry<String, JsonNode> field : document.fields().properties()) {
                String lower = field.getKey().toLowerCase(Locale.ROOT);
                String first = keys.putIfAbsent(lower, field.getKey());
                // Keys are matched without regard to case: title and Title are one key given twice,
                // and the second was dropped without a word.
                if (first != null && MAPPED_KEYS.contains(lower)) {
                    throw new ImportFileException(path, document.lineOf(field.getKey()), "'" + first + "' and '"
                            + field.getKey() + "' are the same key (keys are matched without regard to case)");
                }
            }
        }

        ImportedPost toPost(PostType kind, boolean inDraftFolder) {
            String fileName = ContentPaths.fileName(path);
            String baseName = ContentPaths.withoutExtension(fileName);
            Matcher jekyllName = JEKYLL_FILE_NAME.matcher(baseName);
            LocalDate fileDate = jekyllName.matches() ? dateOrNull(jekyllName.group(1)) : null;

            String slug = firstText("slug");
            if (slug == null) {
                slug = slugFromPath(baseName, fileDate != null ? jekyllName.group(2) : null);
            }

            OffsetDateTime publishedAt = firstDate("publishdate", "pubdate", "published");
            if (publishedAt == null) {
                publishedAt = firstDate("date");
            }
            if (publishedAt == null && fileDate != null) {
                publishedAt = fileDate.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
            }

            String markdown = document.body().replace("\r\n", "\n").replace('\r', '\n');
            Matcher blank = LEADING_BLANK_LINES.matcher(markdown);
            int markdownFirstLine = document.bodyStartLine();
            if (blank.find()) {
                markdownFirstLine += (int) blank.group().chars().filter(c -> c == '\n').count();
                markdown = markdown.substring(blank.end());
            }

            return new ImportedPost(path, kind, slug, title(markdown, markdownFirstLine), publishedAt,
                    firstDate("lastmod", "modified"), firstDate("expirydate", "unpublishdate"),
                    inDraftFolder || isDraft(), strings("tags", true), strings("categories", true), authors(),
                    firstText("description", "summary", "excerpt"), featureImage(), featureImageAlt(), strings("aliases"), meta(),
                    markdown, markdownFirstLine, warnings, nameErrors);
        }

        private String slugFromPath(String baseName, String jekyllName) {
            if (baseName.equalsIgnoreCase("index")) {
                String folder = ContentPaths.folderOf(path);
                if (!folder.isEmpty()) {
                    return slugOfName(ContentPaths.fileName(folder.substring(0, folder.length() - 1)));
                }
            }
            return slugOfName(jekyllName != null ? jekyllName : baseName);
        }

        /**
         * A file or folder name as a slug: as it is when it is one (in any case), so that the
         * posts of a site imported before keep theirs; otherwise made as from a title ("Café
         * Zürich" gives cafe-zurich, as Hugo's URL would), and only where that leaves nothing
         * (a name of emoji) refused, naming the slug to set.
         */
        private static String slugOfName(String name) {
            if (Slugs.isValid(Slugs.normalize(name))) {
                return name;
            }
            String made = Slugs.fromText(name);
            return made.isEmpty() ? name : made;
        }

        private String title(String markdown, int markdownFirstLine) {
            String title = firstText("title");
            if (title != null) {
                return title;
            }
            if (document.format() == FrontMatterFormat.NONE) {
                // Before the heading: a "# comment" in front matter that was missed would pass for one.
                Matcher delimiter = MISSED_DELIMITER.matcher(markdown);
                if (delimiter.find()) {
                    int line = markdownFirstLine
                            + (int) markdown.substring(0, delimiter.start(1)).chars().filter(c -> c == '\n').count();
                    throw new ImportFileException(path, line, "The '"
                            + delimiter.group(1) + "' on this line is not read as front matter: only blank lines, spaces "
                            + "and tabs may come before it (as in Hugo), and here an invisible character does, such as "
                            + "a no-break space or a second byte order mark.");
                }
                Matcher heading = ATX_HEADING_1.matcher(markdown);
                if (heading.find()) {
                    return heading.group(1).strip();
                }
                throw new ImportFileException(path, null, "title is missing: no front matter and no # heading");
            }
            throw new ImportFileException(path, null, "title is missing from the front matter");
        }

        private boolean isDraft() {
            JsonNode draft = value("draft");
            boolean isDraft = draft != null && booleanOf("draft", draft);
            JsonNode published = value("published");
            // Jekyll's "published: false"; Hugo uses "published" as a date, read in publishedAt.
            if (published != null && isBooleanLike(published)) {
                isDraft |= !booleanOf("published", published);
            }
            return isDraft;
        }

        private List<String> authors() {
            List<String> authors = strings("authors", true);
            JsonNode author = value("author");
            if (author == null) {
                return authors;
            }
            // author's names are checked only when they are the ones taken.
            boolean taken = authors.isEmpty();
            List<String> single = author.isObject() ? nameOf("author", author) : strings("author", taken);
            if (taken) {
                if (author.isObject()) {
                    checkNames("author", null, single);
                }
                return single;
            }
            if (!single.isEmpty() && !authors.containsAll(single)) {
                warn("author", "author is ignored because authors is set");
            }
            return authors;
        }

        /** Jekyll lets {@code author} be an object such as {@code {name: Ann, url: ...}}. */
        private List<String> nameOf(String key, JsonNode author) {
            JsonNode name = author.get("name");
            if (name == null || !name.isValueNode() || name.asText().isBlank()) {
                throw error(key, key + " must be a name or an object with a name");
            }
            return List.of(name.asText().strip());
        }

        private String featureImage() {
            List<String> found = new ArrayList<>();
            addIfPresent(found, textOrNull(value("image")));
            addIfPresent(found, textOrNull(value("featured_image")));
            if (found.size() == 2 && !found.get(0).equals(found.get(1))) {
                warn("featured_image", keys.get("featured_image") + " is ignored because " + keys.get("image") + " is set");
            }
            addIfPresent(found, coverImage());
            addIfPresent(found, firstImage());
            return found.isEmpty() ? null : found.get(0);
        }

        /**
         * The feature image's alt text: {@code alt} beside {@code image} in a {@code cover} table
         * (Hugo's PaperMod theme; an export writes it there), when the feature image is taken
         * from that table. Text only; anything else stays in meta with the rest of the table.
         */
        private String featureImageAlt() {
            JsonNode cover = value(COVER);
            if (!COVER.equals(featureImageSource()) || !cover.isObject()) {
                return null;
            }
            JsonNode alt = cover.get(ALT);
            return alt != null && alt.isTextual() && !alt.asText().isBlank() ? alt.asText() : null;
        }

        private String coverImage() {
            JsonNode cover = value(COVER);
            return cover == null ? null : textOrNull(cover.isObject() ? cover.get("image") : cover);
        }

        private String firstImage() {
            JsonNode images = value("images");
            return images == null ? null : textOrNull(images.isArray() ? images.get(0) : images);
        }

        /**
         * Unmapped keys in order. {@code cover} and {@code images} keep what is left after the
         * feature image was taken from them; {@code image} or {@code featured_image} that are not
         * strings stay as they are, since nothing read them.
         */
        private ObjectNode meta() {
            ObjectNode meta = JsonNodeFactory.instance.objectNode();
            String featureSource = featureImageSource();
            JsonNode params = null;
            for (Map.Entry<String, JsonNode> field : document.fields().properties()) {
                String key = field.getKey();
                String lower = key.toLowerCase(Locale.ROOT);
                JsonNode value = field.getValue();
                if (lower.equals(PARAMS) && value.isObject() && params == null) {
                    params = value;
                } else if (!MAPPED_KEYS.contains(lower) || lower.equals("aliases")) {
                    // aliases also stay in meta: they are the post's data as given, and only
                    // their last path segment is used as an old slug.
                    meta.set(key, value.deepCopy());
                } else if ((lower.equals("image") || lower.equals("featured_image")) && !value.isValueNode()) {
                    meta.set(key, value.deepCopy());
                } else if (lower.equals(COVER) || lower.equals("images")) {
                    JsonNode rest = lower.equals(featureSource) ? remainder(value, featureImageAlt() != null) : value.deepCopy();
                    if (rest != null) {
                        meta.set(key, rest);
                    }
                }
            }
            if (params == null) {
                return meta;
            }
            // Hugo's table for a page's own parameters: its keys are meta, whatever their names, in
            // its order, after the keys at the top that it does not set too (an export writes
            // aliases at the top, where they redirect, and in params, where they keep their place).
            ObjectNode withParams = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> field : meta.properties()) {
                if (!params.has(field.getKey())) {
                    withParams.set(field.getKey(), field.getValue());
                }
            }
            params.properties().forEach(field -> withParams.set(field.getKey(), field.getValue().deepCopy()));
            return withParams;
        }

        private String featureImageSource() {
            if (textOrNull(value("image")) != null || textOrNull(value("featured_image")) != null) {
                return "image";
            }
            return coverImage() != null ? COVER : firstImage() != null ? "images" : null;
        }

        /** What is left of a cover object or images list once the feature image (and its alt) is taken out. */
        private static JsonNode remainder(JsonNode value, boolean altTaken) {
            if (value.isObject()) {
                ObjectNode rest = ((ObjectNode) value).deepCopy();
                rest.remove("image");
                if (altTaken) {
                    rest.remove(ALT);
                }
                return rest.isEmpty() ? null : rest;
            }
            if (value.isArray() && value.size() > 1) {
                ArrayNode rest = ((ArrayNode) value).deepCopy();
                rest.remove(0);
                return rest;
            }
            return null;
        }

        /** The first non-blank text among the keys; later keys that differ are reported as ignored. */
        private String firstText(String... candidates) {
            String chosen = null;
            String chosenKey = null;
            for (String key : candidates) {
                JsonNode node = value(key);
                if (node == null || node.isNull()) {
                    continue;
                }
                if (!node.isValueNode()) {
                    throw error(key, key + " must be text, not " + (node.isArray() ? "a list" : "a table"));
                }
                String text = node.asText().strip();
                if (text.isEmpty()) {
                    continue;
                }
                if (chosen == null) {
                    chosen = text;
                    chosenKey = key;
                } else if (!chosen.equals(text)) {
                    warn(key, keys.get(key) + " is ignored because " + keys.get(chosenKey) + " is set");
                }
            }
            return chosen;
        }

        private OffsetDateTime firstDate(String... candidates) {
            for (String key : candidates) {
                JsonNode node = value(key);
                if (node == null || node.isNull() || isBooleanLike(node)) {
                    continue;
                }
                if (!node.isTextual()) {
                    throw error(key, keys.get(key) + " must be a date such as 2017-02-21T09:02:03Z, found " + node);
                }
                if (node.asText().isBlank()) {
                    continue;
                }
                try {
                    return FrontMatterDates.parse(node.asText(), zone);
                } catch (FrontMatterDates.OutOfRange e) {
                    throw error(key, keys.get(key) + " \"" + node.asText() + "\" is " + e.getMessage()
                            + " (an RFC 3339 time has a four-digit year)");
                } catch (DateTimeException e) {
                    throw error(key, keys.get(key) + " is not a date: \"" + node.asText()
                            + "\" (expected e.g. 2017-02-21T09:02:03Z, 2017-02-21T09:02:03 or 2017-02-21)");
                }
            }
            return null;
        }

        /** A list of strings, or one string as a list of one; blank entries are dropped. */
        private List<String> strings(String key) {
            return strings(key, false);
        }

        /** The strings of a key; {@code names}: each is checked as a name ({@link #checkNames}). */
        private List<String> strings(String key, boolean names) {
            JsonNode node = value(key);
            List<String> values = new ArrayList<>();
            if (node == null || node.isNull()) {
                return values;
            }
            List<JsonNode> items = new ArrayList<>();
            (node.isArray() ? node : List.of(node)).forEach(items::add);
            for (int index = 0; index < items.size(); index++) {
                JsonNode item = items.get(index);
                List<String> found = new ArrayList<>();
                if (item.isObject() && key.equals("authors")) {
                    found.addAll(nameOf(key, item));
                } else if (item.isValueNode() && !item.isNull()) {
                    // Blank entries are left out, as Hugo leaves them out.
                    addIfPresent(found, item.asText().strip());
                } else if (!item.isNull()) {
                    throw error(key, keys.get(key) + " must be a list of strings");
                }
                if (names) {
                    checkNames(key, node.isArray() ? index : null, found);
                }
                values.addAll(found);
            }
            return values;
        }

        /** Names that are not names, each reported at its key and position in the file ({@code tags[2]}). */
        private void checkNames(String key, Integer index, List<String> names) {
            for (String name : names) {
                NamedReferences.problemWithOwnName(name).ifPresent(problem -> nameErrors.add(new ImportMessage(path,
                        document.lineOf(keys.getOrDefault(key, key)),
                        keys.getOrDefault(key, key) + (index == null ? "" : "[" + index + "]") + ": " + problem)));
            }
        }

        private boolean booleanOf(String key, JsonNode node) {
            if (node.isBoolean()) {
                return node.booleanValue();
            }
            if (isBooleanLike(node)) {
                return Boolean.parseBoolean(node.asText().strip().toLowerCase(Locale.ROOT));
            }
            throw error(key, keys.get(key) + " must be true or false, found " + node);
        }

        private static boolean isBooleanLike(JsonNode node) {
            if (node.isBoolean()) {
                return true;
            }
            String text = node.isTextual() ? node.asText().strip().toLowerCase(Locale.ROOT) : "";
            return text.equals("true") || text.equals("false");
        }

        private JsonNode value(String lowerKey) {
            String key = keys.get(lowerKey);
            return key == null ? null : document.fields().get(key);
        }

        private static String textOrNull(JsonNode node) {
            return node != null && node.isValueNode() && !node.isNull() && !node.asText().isBlank()
                    ? node.asText().strip() : null;
        }

        private static void addIfPresent(List<String> list, String value) {
            if (value != null && !value.isBlank()) {
                list.add(value);
            }
        }

        private static LocalDate dateOrNull(String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeException e) {
                return null;
            }
        }

        private ImportFileException error(String lowerKey, String message) {
            return new ImportFileException(path, document.lineOf(keys.getOrDefault(lowerKey, lowerKey)), message);
        }

        private void warn(String lowerKey, String message) {
            warnings.add(new ImportMessage(path, document.lineOf(keys.getOrDefault(lowerKey, lowerKey)), message));
        }
    }
}
