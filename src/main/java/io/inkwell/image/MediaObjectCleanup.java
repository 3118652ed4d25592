package io.inkwell.image;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import org.jboss.logging.Logger;

/**
 * Settles stored objects when their transaction ends, through CDI transactional observers: an
 * object written in a transaction that rolls back, or released in one that commits, is removed
 * if no committed row uses it then. That check and the removal run in a transaction of their
 * own that holds the object's ledger row, so an upload of the same bytes waits for them (or
 * they for it) instead of losing its object.
 */
@ApplicationScoped
class MediaObjectCleanup {

    private static final Logger LOG = Logger.getLogger(MediaObjectCleanup.class);

    private final TransactionManager transactions;
    private final MediaObjectLedger ledger;
    private final Event<Written> written;
    private final Event<Released> released;

    MediaObjectCleanup(TransactionManager transactions, MediaObjectLedger ledger, Event<Written> written,
            Event<Released> released) {
        this.transactions = transactions;
        this.ledger = ledger;
        this.written = written;
        this.released = released;
    }

    /** The object is about to be written in the current transaction; it goes if that rolls back. */
    void written(MediaObjectStore store, String key) {
        written.fire(new Written(store, key));
    }

    /** A row stopped using the object in the current transaction; it goes after the commit if no other does. */
    void released(MediaObjectStore store, String key) {
        released.fire(new Released(store, key));
    }

    void rolledBack(@Observes(during = TransactionPhase.AFTER_FAILURE) Written object) {
        removeIfUnused(object.store(), object.key());
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Released object) {
        removeIfUnused(object.store(), object.key());
    }

    /**
     * Refuses work outside a transaction (CDI would call a transactional observer at once);
     * true when the transaction is doomed already, so nothing it does can stay.
     */
    boolean doomedTransaction() {
        int status;
        try {
            status = transactions.getStatus();
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
        if (status != Status.STATUS_ACTIVE && status != Status.STATUS_MARKED_ROLLBACK) {
            throw new IllegalStateException("Media objects are written and deleted inside a transaction");
        }
        return status == Status.STATUS_MARKED_ROLLBACK;
    }

    private void removeIfUnused(MediaObjectStore store, String key) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                if (ledger.lockIfUnused(key)) {
                    store.remove(key);
                }
            });
        } catch (RuntimeException e) {
            // Left behind, the object is only unused bytes: nothing links to it, and an upload of
            // the same bytes writes it again.
            LOG.warnf("Could not remove unused media object %s from %s: %s", key, store.location(), e.getMessage());
        }
    }

    record Written(MediaObjectStore store, String key) {
    }

    record Released(MediaObjectStore store, String key) {
    }
}
