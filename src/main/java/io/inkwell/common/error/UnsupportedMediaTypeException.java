package io.inkwell.common.error;

/** 415: The body is not of a type this operation takes. */
public class UnsupportedMediaTypeException extends ApiException {
    public UnsupportedMediaTypeException(String detail) {
        super(HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail);
    }
}
