package io.inkwell.common.error;

public class PreconditionFailedException extends ApiException {
    public PreconditionFailedException(String detail) {
        super(412, "Precondition Failed", detail);
    }
}
