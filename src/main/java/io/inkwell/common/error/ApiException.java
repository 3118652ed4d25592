package io.inkwell.common.error;

import java.util.List;

/** A failure the client can act on; {@link ProblemMapper} turns it into problem+json. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    // Protected: a status is thrown as its own type (ConflictException...), never as a bare number.
    protected ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    protected ApiException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status.code();
    }

    public HttpStatus httpStatus() {
        return status;
    }

    public String title() {
        return status.title();
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** The detail and each field's message, on one line (an import report's). */
    public String summary() {
        StringBuilder text = new StringBuilder(getMessage());
        for (FieldError error : errors) {
            text.append(' ').append(error.field()).append(": ").append(error.message());
        }
        return text.toString();
    }
}
