package io.inkwell.common.error;

public class ResourceNotFoundException extends ApiException {
    public ResourceNotFoundException(String detail) {
        super(404, "Not Found", detail);
    }
}
