package io.inkwell.common.error;

import java.util.List;

public class ConflictException extends ApiException {
    public ConflictException(String detail) {
        super(409, "Conflict", detail);
    }

    public ConflictException(String detail, List<FieldError> errors) {
        super(409, "Conflict", detail, errors);
    }
}
