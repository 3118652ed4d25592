package io.inkwell.common.error;

/** One invalid input field, named as the client wrote it (a JSON path or a query parameter). */
public record FieldError(String field, String message) {
}
