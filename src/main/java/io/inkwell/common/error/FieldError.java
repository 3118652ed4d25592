package io.inkwell.common.error;

import jakarta.validation.ConstraintViolation;
import java.util.regex.Pattern;

/** One invalid input field, named as the client wrote it (a JSON path or a query parameter). */
public record FieldError(String field, String message) {

    /** Bean Validation's names of container elements, which the client never wrote: "tags[0].<list element>". */
    private static final Pattern CONTAINER_NODE = Pattern.compile("\\.<[^>]*>");

    /** A violation of a request record's constraints, named by its path in the record ({@code tags[0]}). */
    public static FieldError of(ConstraintViolation<?> violation) {
        return new FieldError(path(violation), violation.getMessage());
    }

    /** The violation's path as the client wrote it: "tags[0]", not "tags[0].<list element>". */
    public static String path(ConstraintViolation<?> violation) {
        return CONTAINER_NODE.matcher(violation.getPropertyPath().toString()).replaceAll("");
    }
}
