package io.inkwell.post;

import jakarta.transaction.TransactionScoped;

/**
 * Whether the current transaction writes an import, so the revisions it saves say so. Set by
 * {@link PostImportService}; one instance a transaction, gone when it ends.
 */
@TransactionScoped
class ImportTransaction {

    private boolean importing;

    void begin() {
        importing = true;
    }

    boolean importing() {
        return importing;
    }
}
