package io.inkwell.common.error;

/** 503: The server cannot do this right now; retrying later may work. */
public class ServiceUnavailableException extends ApiException {
    public ServiceUnavailableException(String detail) {
        super(HttpStatus.SERVICE_UNAVAILABLE, detail);
    }
}
