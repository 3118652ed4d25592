package io.inkwell.post;

import jakarta.transaction.TransactionScoped;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * Whether the current transaction writes an import, so the revisions it saves say so, and, while
 * one file is written, when that file says its content last changed, so the post's
 * {@code updatedAt} (and its live snapshot's) is the source's and not the import's time. Set by
 * {@link PostImportService}; one instance a transaction, gone when it ends.
 */
@TransactionScoped
class ImportTransaction {

    private boolean importing;
    private OffsetDateTime fileUpdatedAt;

    void begin() {
        importing = true;
    }

    boolean importing() {
        return importing;
    }

    /** Runs {@code write} with {@code updatedAt} as the content time of what it writes. */
    <T> T writingFile(OffsetDateTime updatedAt, Supplier<T> write) {
        fileUpdatedAt = updatedAt;
        try {
            return write.get();
        } finally {
            fileUpdatedAt = null;
        }
    }

    /** When the content being written last changed: the imported file's time, else {@code now}. */
    OffsetDateTime contentTime(OffsetDateTime now) {
        return fileUpdatedAt != null ? fileUpdatedAt : now;
    }
}
