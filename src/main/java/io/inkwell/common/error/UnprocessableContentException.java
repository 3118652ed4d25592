package io.inkwell.common.error;

/** 422: The request is well-formed but cannot be processed as it is. */
public class UnprocessableContentException extends ApiException {
    public UnprocessableContentException(String detail) {
        super(422, "Unprocessable Content", detail);
    }
}
