package io.inkwell.common.error;

/** 410: The address was valid once and never will be again (an expired preview link). */
public class GoneException extends ApiException {
    public GoneException(String detail) {
        super(HttpStatus.GONE, detail);
    }
}
