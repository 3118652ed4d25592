package io.inkwell.common.error;

/** 422: The request is well-formed but cannot be processed as it is. */
public class UnprocessableContentException extends ApiException {
    public UnprocessableContentException(String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, detail);
    }
}
