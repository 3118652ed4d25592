package io.inkwell.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.web.StrictJson;
import io.inkwell.term.Taxonomy;
import io.inkwell.common.slug.Slugs;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The tags, categories and authors of an export as Inkwell keeps them, which no post file
 * holds whole: their slugs (a renamed one keeps the slug of its first name), names, and
 * descriptions and bios. {@code data/inkwell/taxonomies.json}, among Hugo's data files:
 *
 * <pre>{"tags": {"golang": {"name": "Go Language", "description": "..."}},
 *  "categories": {...}, "authors": {"ann": {"name": "Ann Smith", "bio": "..."}}}</pre>
 *
 * An import creates or updates them before the posts, which then name them.
 */
final class TaxonomyFile {

    static final String PATH = "data/inkwell/taxonomies.json";
    private static final String TAGS = "tags";
    private static final String CATEGORIES = "categories";
    private static final String AUTHORS = "authors";

    private TaxonomyFile() {
    }

    /** One tag, category or author: {@code text} is its description, or an author's bio; null keeps the current one. */
    record Named(String slug, String name, String text) {
    }

    record Contents(List<Named> tags, List<Named> categories, List<Named> authors) {

        List<Named> terms(Taxonomy taxonomy) {
            return taxonomy == Taxonomy.TAG ? tags : categories;
        }
    }

    static byte[] write(Contents contents) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        section(root.putObject(TAGS), contents.tags(), "description");
        section(root.putObject(CATEGORIES), contents.categories(), "description");
        section(root.putObject(AUTHORS), contents.authors(), "bio");
        return DataFile.write(root);
    }

    private static void section(ObjectNode section, List<Named> named, String textField) {
        Map<String, Named> bySlug = new TreeMap<>();
        named.forEach(one -> bySlug.put(one.slug(), one));
        bySlug.forEach((slug, one) -> {
            ObjectNode entry = section.putObject(slug);
            entry.put("name", one.name());
            if (one.text() != null) {
                entry.put(textField, one.text());
            }
        });
    }

    /**
     * The file's tags, categories and authors.
     *
     * @param problemsOf the rules of the Admin API for one of them ({@code tags},
     *                   {@code categories} or {@code authors}, and the entry), as messages; empty
     *                   when it may be saved
     * @throws ImportFileException naming the entries that break them (at most 20, then a count)
     */
    static Contents read(byte[] bytes, BiFunction<String, Named, List<String>> problemsOf) {
        JsonNode root = DataFile.readObject(PATH, bytes, "Must be a JSON object with tags, categories and authors.");
        List<String> problems = new ArrayList<>();
        root.fieldNames().forEachRemaining(name -> {
            if (!List.of(TAGS, CATEGORIES, AUTHORS).contains(name)) {
                problems.add(name + ": unknown (only tags, categories and authors)");
            }
        });
        Contents contents = new Contents(section(root, TAGS, "description", problemsOf, problems),
                section(root, CATEGORIES, "description", problemsOf, problems),
                section(root, AUTHORS, "bio", problemsOf, problems));
        DataFile.refuse(PATH, problems);
        return contents;
    }

    private static List<Named> section(JsonNode root, String key, String textField, BiFunction<String, Named, List<String>> problemsOf,
            List<String> problems) {
        JsonNode section = root.get(key);
        if (section == null || section.isNull()) {
            return List.of();
        }
        if (!section.isObject()) {
            problems.add(key + ": must be an object of slugs");
            return List.of();
        }
        List<Named> named = new ArrayList<>();
        Map<String, String> keyBySlug = new HashMap<>();
        for (Map.Entry<String, JsonNode> entry : section.properties()) {
            String where = key + "." + entry.getKey();
            // Slugs are one in any case: "GOLANG" and "golang" would both change one tag.
            String sameSlug = keyBySlug.putIfAbsent(Slugs.normalize(entry.getKey()), entry.getKey());
            if (sameSlug != null) {
                problems.add(where + ": the same slug as " + key + "." + sameSlug);
                continue;
            }
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                problems.add(where + ": must be an object with a name");
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            boolean readable = true;
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                if (!field.getKey().equals("name") && !field.getKey().equals(textField)) {
                    problems.add(where + ": unknown field " + field.getKey() + " (only name and " + textField + ")");
                    readable = false;
                } else if (!field.getValue().isTextual() && !field.getValue().isNull()) {
                    problems.add(where + ": " + field.getKey() + " must be text");
                    readable = false;
                } else if (field.getValue().isTextual() && StrictJson.problemWith(field.getValue().asText()) != null) {
                    problems.add(where + ": " + field.getKey() + ": " + StrictJson.problemWith(field.getValue().asText()));
                    readable = false;
                } else if (field.getValue().isTextual()) {
                    fields.put(field.getKey(), field.getValue().asText());
                }
            }
            if (!readable) {
                continue;
            }
            if (fields.get("name") == null) {
                problems.add(where + ": name is required");
                continue;
            }
            Named one = new Named(entry.getKey(), fields.get("name"),
                    Optional.ofNullable(fields.get(textField)).filter(text -> !text.isBlank()).orElse(null));
            problemsOf.apply(key, one).forEach(problem -> problems.add(where + ": " + problem));
            named.add(one);
        }
        return named;
    }
}
