package io.inkwell.common.error;

import java.util.List;

/** Input that cannot be read at all (bad JSON, wrong types, bad query parameters): 400. */
public class BadRequestException extends ApiException {
    public BadRequestException(String detail, List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, detail, errors);
    }

    public BadRequestException(String field, String message) {
        this("The request could not be read.", List.of(new FieldError(field, message)));
    }
}
