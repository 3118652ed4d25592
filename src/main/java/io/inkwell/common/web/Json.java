package io.inkwell.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;

/** Serialization with the application's ObjectMapper, for JSON prepared ahead of requests. */
@ApplicationScoped
public class Json {

    /*
     * JSON this application stored was checked when it came in (StrictJson: duplicate keys,
     * control characters in every key and string), and reading it again with those checks cost
     * more than the parsing: two thirds of the JVM's time in a search that missed the cache.
     */
    private static final ObjectMapper STORED = JsonMapper.builder()
            // Numbers as stored (meta's 9.90 and 1E+400): as doubles they came out 9.9 and "Infinity".
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    private final ObjectMapper mapper;

    public Json(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize " + value.getClass().getSimpleName(), e);
        }
    }

    public <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read stored " + type.getSimpleName(), e);
        }
    }

    /** One top-level text field of a stored JSON document. */
    public String textField(String json, String field) {
        return storedTree(json).path(field).asText(null);
    }

    /** A JSON object this application stored, to be changed and written again with {@link #writeTree}. */
    public ObjectNode storedObject(String json) {
        return (ObjectNode) storedTree(json);
    }

    public String writeTree(JsonNode tree) {
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON", e);
        }
    }

    private static JsonNode storedTree(String json) {
        try {
            return STORED.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read stored JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
