package io.inkwell.common.error;

public class PreconditionFailedException extends ApiException {
    public PreconditionFailedException(String detail) {
        super(HttpStatus.PRECONDITION_FAILED, detail);
    }
}
