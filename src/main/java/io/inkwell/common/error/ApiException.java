package io.inkwell.common.error;

import java.util.List;

/** A failure the client can act on; {@link ProblemMapper} turns it into problem+json. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<FieldError> errors;

    // Protected: a status is thrown as its own type (ConflictException...), never as a bare number.
    protected ApiException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    protected ApiException(int status, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
