package io.inkwell.common.error;

import java.util.List;

/** Well-formed input that breaks a rule: 422 with every offending field. */
public class InvalidInputException extends ApiException {
    public InvalidInputException(List<FieldError> errors) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "The request has invalid fields.", errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }
}
