package io.inkwell.common.error;

import java.util.List;

public class ConflictException extends ApiException {
    public ConflictException(String detail) {
        super(HttpStatus.CONFLICT, detail);
    }

    public ConflictException(String detail, List<FieldError> errors) {
        super(HttpStatus.CONFLICT, detail, errors);
    }
}
