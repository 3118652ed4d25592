package io.inkwell.common.error;

public class ResourceNotFoundException extends ApiException {
    public ResourceNotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, detail);
    }
}
