package io.inkwell.image;

import io.inkwell.common.error.ApiException;

/**
 * A valid image that this server's heap cannot decode: 413 for an upload, 503 for a variant.
 * The detail speaks to the client; {@link #logMessage()} to whoever runs the server.
 */
public class InsufficientHeapException extends ApiException {

    private final String logMessage;

    InsufficientHeapException(int status, String detail, String logMessage) {
        super(status, status == 413 ? "Content Too Large" : "Service Unavailable", detail);
        this.logMessage = logMessage;
    }

    public String logMessage() {
        return logMessage;
    }
}
