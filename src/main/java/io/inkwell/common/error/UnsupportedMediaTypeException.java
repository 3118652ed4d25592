package io.inkwell.common.error;

/** 415: The body is not of a type this operation takes. */
public class UnsupportedMediaTypeException extends ApiException {
    public UnsupportedMediaTypeException(String detail) {
        super(415, "Unsupported Media Type", detail);
    }
}
