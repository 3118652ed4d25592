package io.inkwell.image;

import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.HttpStatus;

/**
 * A valid image that this server's heap cannot decode: 413 for an upload, 503 for a variant.
 * The detail speaks to the client; {@link #logMessage()} to whoever runs the server.
 */
public class InsufficientHeapException extends ApiException {

    private final String logMessage;

    InsufficientHeapException(HttpStatus status, String detail, String logMessage) {
        super(status, detail);
        this.logMessage = logMessage;
    }

    public String logMessage() {
        return logMessage;
    }
}
