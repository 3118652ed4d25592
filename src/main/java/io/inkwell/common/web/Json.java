package io.inkwell.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

/** Serialization with the application's ObjectMapper, for JSON prepared ahead of requests. */
@ApplicationScoped
public class Json {

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
        try {
            return mapper.readTree(json).path(field).asText(null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not read stored JSON", e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
