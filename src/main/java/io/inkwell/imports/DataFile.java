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
 * reads back: strict (a key twice or data after the object fails it), and its problems named in
 * one report line. It is read whole, as a tree, like a Markdown file: within the import's limit
 * for one file ({@code INKWELL_IMPORTS_MAX_ENTRY_BYTES}), not one of its own, which an export of
 * the same server could pass.
 */
final class DataFile {

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

    /** Fails the file naming the problems (the first 20, then how many more problems), if there are any. */
    static void refuse(String path, List<String> problems) {
        if (problems.isEmpty()) {
            return;
        }
        String more = problems.size() > MAX_PROBLEMS_NAMED ? "; and " + (problems.size() - MAX_PROBLEMS_NAMED) + " more" : "";
        // Each problem's own full stop goes: one ends the line.
        throw new ImportFileException(path, null, problems.stream().limit(MAX_PROBLEMS_NAMED)
                .map(problem -> problem.endsWith(".") ? problem.substring(0, problem.length() - 1) : problem)
                .collect(java.util.stream.Collectors.joining("; ")) + more + ".");
    }
}
