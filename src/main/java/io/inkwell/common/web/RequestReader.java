package io.inkwell.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.error.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a JSON body into a validated request record, with errors that name the fields. */
@ApplicationScoped
public class RequestReader {

    private final ObjectMapper mapper;
    private final Validator validator;

    public RequestReader(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    /**
     * A PATCH body to apply to current values later ({@link MergePatch#applyTo}). Unknown fields
     * and wrong types are refused here, with a 400, before the resource is even looked up.
     */
    public <T> MergePatch<T> readMergePatch(ObjectNode body, Class<T> type) {
        readUnchecked(body, type);
        return new MergePatch<>(body, type, mapper, this);
    }

    /**
     * A body that must be there, as the record with its constraints checked: a 400 naming every
     * field that is unknown or of the wrong type, else a 422 naming every invalid one.
     */
    public <T> T read(ObjectNode body, Class<T> type) {
        T values = readUnchecked(body, type);
        validate(values);
        return values;
    }

    /**
     * As {@link #read}, the constraints left to a caller that adds rules of its own and answers
     * once ({@link #fieldErrors}).
     */
    public <T> T readUnchecked(ObjectNode body, Class<T> type) {
        if (body == null) {
            throw new BadRequestException("body", "A JSON object is required.");
        }
        return convert(body, type);
    }

    /** JSON as the record, or a 400 naming every field that is unknown or of the wrong type. */
    <T> T convert(ObjectNode json, Class<T> type) {
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw unreadable(json, type, e);
        }
    }

    /**
     * Jackson stops at the first field it cannot read; each field is then read again on its own
     * (into the same type, the others left out), so the answer names them all.
     */
    private BadRequestException unreadable(JsonNode json, Class<?> type, JsonProcessingException first) {
        List<FieldError> errors = new ArrayList<>();
        if (json instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                try {
                    mapper.treeToValue(mapper.createObjectNode().set(field.getKey(), field.getValue()), type);
                } catch (JsonProcessingException e) {
                    errors.add(ProblemMapper.jsonError(e));
                }
            });
        }
        return new BadRequestException("The request body does not match this operation.",
                errors.isEmpty() ? List.of(ProblemMapper.jsonError(first)) : errors);
    }

    /**
     * An optional JSON body, read whatever its declared type, so that a bare {@code curl -X POST}
     * without body or Content-Type is accepted. Empty (or only white space) means null.
     */
    public <T> T readOptional(byte[] body, Class<T> type) {
        if (body == null || isBlank(body)) {
            return null;
        }
        T values;
        try {
            values = mapper.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw unreadable(readableTree(body), type, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory: not expected
        }
        if (values == null) {
            // The JSON literal null: neither the object the operation takes nor no body at all.
            throw new BadRequestException("body", "A JSON object is required, or no body at all.");
        }
        validate(values);
        return values;
    }

    /** The body as a tree, when it is valid JSON at all (its fields can then be read one by one). */
    private JsonNode readableTree(byte[] body) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    public <T> void validate(T values) {
        throw422(validator.validate(values).stream().toList());
    }

    /** What bean validation finds wrong, for a caller that adds rules of its own and answers once. */
    public <T> List<FieldError> fieldErrors(T values) {
        return validator.validate(values).stream()
                .map(FieldError::of)
                .toList();
    }

    /**
     * Like {@link #validate(Object)}, reporting only what lies under these top-level fields (and
     * what concerns the whole record).
     */
    <T> void validate(T values, Set<String> fields) {
        throw422(validator.validate(values).stream()
                .filter(v -> {
                    String field = topLevelField(v.getPropertyPath());
                    return field == null || fields.contains(field);
                })
                .toList());
    }

    private static String topLevelField(Path path) {
        Iterator<Path.Node> nodes = path.iterator();
        return nodes.hasNext() ? nodes.next().getName() : null;
    }

    private static <T> void throw422(List<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(FieldError::of)
                    .toList());
        }
    }
}
