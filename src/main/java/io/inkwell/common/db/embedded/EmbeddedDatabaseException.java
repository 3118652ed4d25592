package io.inkwell.common.db.embedded;

/**
 * The embedded database cannot start, for a reason the operator can fix. Its message is the one
 * line the launcher prints; no stack trace, which would only bury it.
 */
public class EmbeddedDatabaseException extends RuntimeException {

    public EmbeddedDatabaseException(String message) {
        super(message);
    }
}
