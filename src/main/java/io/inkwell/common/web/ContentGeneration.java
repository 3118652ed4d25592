package io.inkwell.common.web;

import io.inkwell.common.db.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionScoped;
import jakarta.transaction.Transactional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Tells Content API caches when public content changed. Every write to public content advances
 * a sequence in the database; this instance moves its local epoch on at the commit of its own
 * writes, and when polling shows that another instance wrote. Cached responses are valid only
 * for the epoch they were read in.
 */
@ApplicationScoped
public class ContentGeneration {

    private static final Logger LOG = Logger.getLogger(ContentGeneration.class);

    private final EntityManager entityManager;
    private final TransactionManager transactions;
    private final ChangedInThisTransaction changedInThisTransaction;
    private final Event<Committed> committed;
    private final ScheduledWork scheduledWork;
    private final AtomicLong epoch = new AtomicLong();
    private volatile long lastSeenInDatabase = -1;

    public ContentGeneration(EntityManager entityManager, TransactionManager transactions,
            ChangedInThisTransaction changedInThisTransaction, Event<Committed> committed,
            ScheduledWork scheduledWork) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.changedInThisTransaction = changedInThisTransaction;
        this.committed = committed;
        this.scheduledWork = scheduledWork;
    }

    public long epoch() {
        return epoch.get();
    }

    /** Marks public content as changed; readers see it once the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump() {
        // Once per transaction is enough: readers compare the value, not count the changes. A
        // transaction already doomed to roll back changes nothing readers could see (and CDI
        // would call the after-success observer at once for a transaction that is not active).
        if (markedRollbackOnly() || !changedInThisTransaction.firstTime()) {
            return;
        }
        advanceSequence();
        committed.fire(new Committed());
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed change) {
        epoch.incrementAndGet();
        try {
            announceCommitted();
        } catch (RuntimeException e) {
            LOG.warnf("Other instances may serve cached content until the next change: %s", e.getMessage());
        }
    }

    /**
     * Sequences ignore transactions: another instance may see the value advanced inside the
     * write transaction before the commit, reload the old rows and keep them. Advancing it once
     * more after the commit makes every instance reload again, now seeing the committed rows.
     * Called on this bean, so intercepted: the committed transaction cannot run statements.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void announceCommitted() {
        advanceSequence();
    }

    private void advanceSequence() {
        entityManager.createNativeQuery("select nextval('content_generation')").getSingleResult();
    }

    private boolean markedRollbackOnly() {
        try {
            return transactions.getStatus() == Status.STATUS_MARKED_ROLLBACK;
        } catch (SystemException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(every = "${inkwell.content-cache-check-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollForOtherInstances() {
        scheduledWork.run("the check for other instances' changes", this::readGenerationFromDatabase);
    }

    @Transactional
    void readGenerationFromDatabase() {
        long stored = ((Number) entityManager
                .createNativeQuery("select last_value from content_generation")
                .getSingleResult()).longValue();
        if (stored != lastSeenInDatabase) {
            lastSeenInDatabase = stored;
            epoch.incrementAndGet();
        }
    }

    /** The event of a transaction that changed public content; observed after it commits. */
    record Committed() {
    }

    /** Whether the current transaction has advanced the sequence yet: one instance a transaction. */
    @TransactionScoped
    static class ChangedInThisTransaction {

        private boolean changed;

        boolean firstTime() {
            boolean first = !changed;
            changed = true;
            return first;
        }
    }
}
