package io.inkwell.common.error;

/** 413: The request body, or a file in it, is over a limit. */
public class ContentTooLargeException extends ApiException {
    public ContentTooLargeException(String detail) {
        super(HttpStatus.CONTENT_TOO_LARGE, detail);
    }
}
