package io.inkwell.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Settles {@link FilesystemMediaStorage}'s files when their transaction ends, through CDI
 * transactional observers: a file written in a transaction that rolls back is deleted, a file
 * deleted in a transaction goes when it commits.
 */
@ApplicationScoped
class FilesystemMediaCleanup {

    private static final Logger LOG = Logger.getLogger(FilesystemMediaCleanup.class);

    private final TransactionManager transactions;
    private final Event<Written> written;
    private final Event<Deleted> deleted;

    FilesystemMediaCleanup(TransactionManager transactions, Event<Written> written, Event<Deleted> deleted) {
        this.transactions = transactions;
        this.written = written;
        this.deleted = deleted;
    }

    /** The file was just written in the current transaction; it goes if that rolls back. */
    void written(Path file) {
        // CDI calls a transactional observer at once when no transaction is active, which for a
        // doomed one is right (the file goes now) and without one would delete a stored file.
        requireTransaction();
        written.fire(new Written(file));
    }

    /** The file is to go when the current transaction commits. */
    void deleteAfterCommit(Path file) {
        // A doomed transaction never commits; CDI would call the observer at once.
        if (requireTransaction() != Status.STATUS_MARKED_ROLLBACK) {
            deleted.fire(new Deleted(file));
        }
    }

    void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) Written file) {
        deleteQuietly(file.path());
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Deleted file) {
        deleteQuietly(file.path());
    }

    /** Refuses work outside a transaction; answers its status (active or marked rollback-only). */
    int requireTransaction() {
        int status;
        try {
            status = transactions.getStatus();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("Media files are written and deleted inside a transaction");
        }
        return status;
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("Could not delete media file %s: %s", path, e.getMessage());
        }
    }

    record Written(Path path) {
    }

    record Deleted(Path path) {
    }
}
