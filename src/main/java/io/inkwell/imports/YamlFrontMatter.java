package io.inkwell.imports;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * YAML front matter as a tree, read as Hugo (Go's yaml.v3) and Jekyll (Ruby's Psych) read it:
 * an alias ({@code *name}) stands for a copy of the value its anchor ({@code &name}) marks, and
 * a merge key ({@code <<: *defaults}) adds the keys of the mappings it names that the mapping
 * does not set itself. Jackson's own tree reader gives an alias as the string of its name, and
 * keeps the last of two equal keys; here a key written twice in one mapping is an error, as TOML
 * and JSON front matter make it.
 */
final class YamlFrontMatter {

    /*
     * Aliases of aliases grow a tree exponentially ("billion laughs"), and aliases of a long text
     * multiply it: a front matter whose aliases would add more than this (one a value, plus the
     * characters of each text) is refused before they are built. The API takes a whole post as a
     * JSON body of at most 1 MiB. What the file itself holds is not counted: the file's size
     * bounds it, as it does for TOML and JSON.
     */
    static final int MAX_WEIGHT = 1 << 20;
    private static final String MERGE_KEY = "<<";
    private static final ObjectMapper SCALARS = new YAMLMapper();

    private final YAMLParser parser;
    private final int lineOffset;
    private final String path;
    private final Map<Long, String> scalarAnchors;
    private final Map<String, JsonNode> anchored = new HashMap<>();
    private long weight;

    private YamlFrontMatter(YAMLParser parser, String path, int lineOffset, Map<Long, String> scalarAnchors) {
        this.parser = parser;
        this.scalarAnchors = scalarAnchors;
        this.path = path;
        this.lineOffset = lineOffset;
    }

    /**
     * @return the front matter's value, or null when it holds none (only comments or blank lines)
     * @throws IOException          when it is not YAML (Jackson's exception, with its location)
     * @throws ImportFileException  for an unknown alias, a duplicate key or an alias bomb
     */
    static JsonNode read(String path, String yaml, int lineOffset) throws IOException {
        try (YAMLParser parser = (YAMLParser) SCALARS.getFactory().createParser(yaml)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return new YamlFrontMatter(parser, path, lineOffset, scalarAnchors(yaml)).value();
        }
    }

    /**
     * The anchors of scalars, by where each scalar starts: Jackson's parser reports the anchor of
     * a mapping or a list, not of a scalar, so SnakeYAML's (the one under it) reads them first.
     */
    private static Map<Long, String> scalarAnchors(String yaml) {
        Map<Long, String> anchors = new HashMap<>();
        if (yaml.indexOf('&') < 0) {
            return anchors;
        }
        Parser events = new ParserImpl(new StreamReader(yaml), new LoaderOptions());
        try {
            while (!events.checkEvent(Event.ID.StreamEnd)) {
                if (events.getEvent() instanceof ScalarEvent scalar && scalar.getAnchor() != null) {
                    anchors.put((long) scalar.getStartMark().getIndex(), scalar.getAnchor());
                }
            }
        } catch (YAMLException e) {
            // Not YAML: Jackson's parser meets the same error and reports it with its line.
        }
        return anchors;
    }

    /** The value at the parser's current token, the parser left on its last token. */
    private JsonNode value() throws IOException {
        if (parser.isCurrentAlias()) {
            String name = parser.getText();
            JsonNode target = anchored.get(name);
            if (target == null) {
                throw error("the alias *" + name + " names no anchor (&" + name + ") written before it");
            }
            return copy(target);
        }
        String anchor = parser.getCurrentAnchor() != null ? parser.getCurrentAnchor()
                : scalarAnchors.get(parser.currentTokenLocation().getCharOffset());
        JsonNode node = switch (parser.currentToken()) {
            case START_OBJECT -> mapping();
            case START_ARRAY -> sequence();
            case VALUE_NULL -> NullNode.getInstance();
            default -> SCALARS.readTree(parser);
        };
        if (anchor != null) {
            anchored.put(anchor, node);
        }
        return node;
    }

    private ObjectNode mapping() throws IOException {
        ObjectNode mapping = JsonNodeFactory.instance.objectNode();
        List<JsonNode> merged = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int line = line();
            parser.nextToken();
            JsonNode value = value();
            if (key.equals(MERGE_KEY)) {
                merged.add(value);
            } else if (mapping.has(key)) {
                throw new ImportFileException(path, line, "the key '" + key + "' is written twice in one mapping");
            } else {
                mapping.set(key, value);
            }
        }
        for (JsonNode merge : merged) {
            merge(mapping, merge);
        }
        return mapping;
    }

    /** {@code <<} takes a mapping or a list of them; the first that sets a key wins (YAML 1.1). */
    private void merge(ObjectNode mapping, JsonNode merge) {
        List<JsonNode> sources = new ArrayList<>();
        if (merge.isArray()) {
            merge.forEach(sources::add);
        } else {
            sources.add(merge);
        }
        for (JsonNode source : sources) {
            if (!source.isObject()) {
                throw error("a merge key (<<) must name a mapping or a list of mappings");
            }
            for (Iterator<Map.Entry<String, JsonNode>> fields = source.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!mapping.has(field.getKey())) {
                    mapping.set(field.getKey(), field.getValue());
                }
            }
        }
    }

    private ArrayNode sequence() throws IOException {
        ArrayNode sequence = JsonNodeFactory.instance.arrayNode();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            sequence.add(value());
        }
        return sequence;
    }

    private JsonNode copy(JsonNode node) {
        if (node.isObject()) {
            ObjectNode copy = counted(JsonNodeFactory.instance.objectNode());
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                copy.set(field.getKey(), copy(field.getValue()));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = counted(JsonNodeFactory.instance.arrayNode());
            for (JsonNode element : node) {
                copy.add(copy(element));
            }
            return copy;
        }
        return counted(node);
    }

    private <T extends JsonNode> T counted(T node) {
        weight += 1 + (node.isTextual() ? node.textValue().length() : 0);
        if (weight > MAX_WEIGHT) {
            throw error("the front matter's aliases expand to more than " + MAX_WEIGHT
                    + " (a value counts one, plus the characters of a text)");
        }
        return node;
    }

    private ImportFileException error(String detail) {
        return new ImportFileException(path, line(), detail);
    }

    private Integer line() {
        int line = parser.currentLocation().getLineNr();
        return line > 0 ? line + lineOffset : null;
    }
}
