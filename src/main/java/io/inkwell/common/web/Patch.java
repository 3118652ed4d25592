package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A PATCH body: the typed values plus which fields the client actually sent, so that an
 * omitted field stays as it is while an explicit {@code null} clears it.
 */
public record Patch<T>(T values, Set<String> fields) {

    public boolean has(String field) {
        return fields.contains(field);
    }

    /** Fields that may be omitted but not cleared. */
    public void requireNonNullWhenPresent(java.util.Map<String, Object> valuesByField) {
        List<FieldError> errors = new ArrayList<>();
        valuesByField.forEach((field, value) -> {
            if (has(field) && value == null) {
                errors.add(new FieldError(field, "Cannot be null; omit it to keep the current value."));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }
}
