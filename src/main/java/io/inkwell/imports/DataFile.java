package io.inkwell.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A JSON file of an export among Hugo's data files ({@code data/inkwell/...}), which an import
 * reads back: strict (a key twice or data after the object fails it), capped in size, and its
 * problems named in one report line.
 */
final class DataFile {

    /**
     * Read whole, as a tree: one of these may be a few megabytes (a text of 1,000 characters
     * for each of thousands of images), never the size a site's files may have.
     */
    static final int MAX_BYTES = 8 * 1024 * 1024;

    /** Problems named in the report; a file of thousands of bad entries is not repeated whole. */
    private static final int MAX_PROBLEMS_NAMED = 20;

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    private DataFile() {
    }

    static byte[] write(ObjectNode root) {
        try {
            return (MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of JSON nodes is always writable", e);
        }
    }

    /**
     * The file's JSON object.
     *
     * @param notAnObject the report's words when it holds something else
     */
    static JsonNode readObject(String path, byte[] bytes, String notAnObject) {
        if (bytes.length > MAX_BYTES) {
            throw new ImportFileException(path, null, "Has " + bytes.length + " bytes, at most " + MAX_BYTES + ".");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            throw new ImportFileException(path, line, "Not valid JSON: " + e.getOriginalMessage() + ".");
        }
        if (root == null || !root.isObject()) {
            throw new ImportFileException(path, null, notAnObject);
        }
        return root;
    }

    /** Fails the file naming the problems (the first 20, then how many more), if there are any. */
    static void refuse(String path, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() > MAX_PROBLEMS_NAMED ? "; and " + (problems.size() - MAX_PROBLEMS_NAMED) + " more" : "";
        throw new ImportFileException(path, null,
                String.join("; ", problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS_NAMED))) + more + ".");
    }
}
