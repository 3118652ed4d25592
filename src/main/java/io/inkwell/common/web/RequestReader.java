package io.inkwell.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.error.ProblemMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
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

    public <T> Patch<T> readPatch(ObjectNode body, Class<T> type) {
        if (body == null) {
            throw new BadRequestException("body", "A JSON object is required.");
        }
        T values;
        try {
            values = mapper.treeToValue(body, type);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("The request body does not match this operation.",
                    List.of(ProblemMapper.jsonError(e)));
        }
        validate(values);
        Set<String> fields = new LinkedHashSet<>();
        body.fieldNames().forEachRemaining(fields::add);
        return new Patch<>(values, fields);
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
            throw new BadRequestException("The request body does not match this operation.",
                    List.of(ProblemMapper.jsonError(e)));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // bytes in memory: not expected
        }
        validate(values);
        return values;
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
        Set<ConstraintViolation<T>> violations = validator.validate(values);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldError::field))
                    .toList());
        }
    }
}
