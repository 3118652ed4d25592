package io.inkwell.imports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.web.StrictJson;
import io.inkwell.image.ImageDtos;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alt text and caption of an export's image files, which no image file and no Hugo key
 * holds: {@code data/inkwell/images.json}, one entry a file path. It sits among Hugo's data
 * files (a template can read it as {@code site.Data.inkwell.images}), and an import applies it
 * to the images it stores or finds at those paths.
 *
 * <pre>{"content/posts/hello/stage.jpg": {"alt": "The stage", "caption": "Day one"}}</pre>
 */
final class ImageDescriptions {

    /** Where the export writes it and the import reads it, from the site's root. */
    static final String PATH = "data/inkwell/images.json";


    private ImageDescriptions() {
    }

    /** An image's text; null leaves what the image has. */
    record Description(String alt, String caption) {

        boolean isEmpty() {
            return alt == null && caption == null;
        }
    }

    /** The file's bytes, its entries in path order. */
    static byte[] write(Map<String, Description> byPath) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        new TreeMap<>(byPath).forEach((path, description) -> {
            ObjectNode entry = root.putObject(path);
            if (description.alt() != null) {
                entry.put("alt", description.alt());
            }
            if (description.caption() != null) {
                entry.put("caption", description.caption());
            }
        });
        return DataFile.write(root);
    }

    /**
     * The entries of the file, by site path.
     *
     * @throws ImportFileException naming every entry that is not {@code {"alt": text, "caption": text}}
     *                             within the Admin API's limits
     */
    static Map<String, Description> read(byte[] bytes) {
        JsonNode root = DataFile.readObject(PATH, bytes, "Must be a JSON object whose keys are image paths.");
        Map<String, Description> byPath = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            String path = entry.getKey();
            JsonNode value = entry.getValue();
            if (!value.isObject()) {
                problems.add(path + ": must be an object with alt and/or caption");
                continue;
            }
            List<String> unknown = new ArrayList<>();
            value.fieldNames().forEachRemaining(name -> {
                if (!name.equals("alt") && !name.equals("caption")) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                problems.add(path + ": unknown field(s) " + String.join(", ", unknown) + " (only alt and caption)");
            }
            String alt = text(path, value, "alt", ImageDtos.MAX_ALT_CHARS, problems);
            String caption = text(path, value, "caption", ImageDtos.MAX_CAPTION_CHARS, problems);
            byPath.put(path, new Description(alt, caption));
        }
        DataFile.refuse(PATH, problems);
        return byPath;
    }

    private static String text(String path, JsonNode entry, String field, int max, List<String> problems) {
        JsonNode value = entry.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            problems.add(path + ": " + field + " must be text");
            return null;
        }
        int chars = value.asText().codePointCount(0, value.asText().length());
        if (chars > max) {
            // Counted as the Admin API counts them (MaxChars): code points.
            problems.add(path + ": " + field + " has " + chars + " characters, at most " + max);
            return null;
        }
        String unstorable = StrictJson.problemWith(value.asText());
        if (unstorable != null) {
            problems.add(path + ": " + field + ": " + unstorable);
            return null;
        }
        return value.asText().isBlank() ? null : value.asText();
    }
}
