package io.inkwell.common.web;

import io.inkwell.common.db.LogPosition;
import io.inkwell.common.db.ReadReplica;
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
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Which public content changed, and when, by surrogate key ({@link ContentKeys}). A write names
 * the keys it touches inside its transaction; after the commit this instance marks them changed,
 * and other instances do when they poll the {@code content_invalidation} rows the write left. A
 * cached response is current while none of the keys it was built from changed after it was built.
 *
 * <p>With a read replica, a response rebuilt right after a change may still show the replica's
 * older copy; so every change (this instance's too) is marked again once the replica has
 * replayed it ({@link ChangesAwaitingReplica}), and what was rebuilt from the older copy is
 * rebuilt once more.
 */
@ApplicationScoped
public class ContentGeneration {

    private static final Logger LOG = Logger.getLogger(ContentGeneration.class);
    /** Keys remembered before the map starts over (everything built earlier then counts as stale). */
    private static final int MAX_REMEMBERED_KEYS = 200_000;
    private static final int POLLS_BETWEEN_PRUNES = 600;

    private final EntityManager entityManager;
    private final TransactionManager transactions;
    private final ChangedInThisTransaction changedInThisTransaction;
    private final Event<Committed> committed;
    private final ScheduledWork scheduledWork;
    private final ReadReplica replica;
    private final ChangesAwaitingReplica awaitingReplica = new ChangesAwaitingReplica();
    private final UUID instance = UUID.randomUUID();
    private final AtomicLong clock = new AtomicLong(1);
    private final ConcurrentHashMap<String, Long> changedAt = new ConcurrentHashMap<>();
    private volatile long floor;
    /** The oldest transaction that was still running at the last poll; its rows and later ones are read next. */
    private volatile String unseenFrom;
    private int pollsSincePrune;

    public ContentGeneration(EntityManager entityManager, TransactionManager transactions,
            ChangedInThisTransaction changedInThisTransaction, Event<Committed> committed,
            ScheduledWork scheduledWork, ReadReplica replica) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.changedInThisTransaction = changedInThisTransaction;
        this.committed = committed;
        this.scheduledWork = scheduledWork;
        this.replica = replica;
    }

    /** A stamp to build a response under: taken before reading, so a change during the read makes it stale. */
    public long now() {
        return clock.get();
    }

    /** Whether nothing under these keys changed after {@code builtAt}. */
    public boolean unchangedSince(long builtAt, List<String> keys) {
        if (builtAt < floor) {
            return false;
        }
        for (String key : keys) {
            Long at = changedAt.get(key);
            if (at != null && at > builtAt) {
                return false;
            }
        }
        return true;
    }

    /** Marks content under these keys as changed; readers see it once the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Collection<String> keys) {
        // A transaction already doomed to roll back changes nothing readers could see (and CDI
        // would call the after-success observer at once for a transaction that is not active).
        if (markedRollbackOnly()) {
            return;
        }
        List<String> added = changedInThisTransaction.add(keys);
        if (added.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("insert into content_invalidation (origin, keys) values (?1, ?2)")
                .setParameter(1, instance).setParameter(2, String.join(" ", added)).executeUpdate();
        if (changedInThisTransaction.firstTime()) {
            committed.fire(new Committed(changedInThisTransaction.keys()));
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(String... keys) {
        changed(Arrays.asList(keys));
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Committed change) {
        invalidate(change.keys());
    }

    void invalidate(Collection<String> keys) {
        long at = clock.incrementAndGet();
        if (changedAt.size() > MAX_REMEMBERED_KEYS) {
            invalidateEverything(at);
        }
        for (String key : keys) {
            changedAt.merge(key, at, Math::max);
        }
    }

    /** Everything built before {@code at} counts as stale. */
    private void invalidateEverything(long at) {
        changedAt.clear();
        floor = at;
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
        scheduledWork.run("the check for other instances' changes", this::readOtherInstancesChanges);
        if (replica.configured()) {
            scheduledWork.runOnReplica("the check of the read replica's progress", this::markWhatTheReplicaReplayed);
        }
    }

    /**
     * Reads the keys other instances changed (all instances', this one's too, with a read
     * replica). Row ids are taken before commit, so they do not arrive in order; transaction ids
     * do better: every transaction that commits after this statement's snapshot has an id at or
     * above the snapshot's oldest running one, so asking from there next time misses nothing. A
     * row may be read twice; marking a key twice costs one extra rebuild. The log position read
     * with them is past every commit the statement saw.
     */
    @Transactional
    void readOtherInstancesChanges() {
        Object[] row = (Object[]) entityManager.createNativeQuery("""
                select cast(pg_snapshot_xmin(pg_current_snapshot()) as text),
                       string_agg(keys, ' '),
                       cast(pg_current_wal_lsn() as text)
                from content_invalidation
                where cast(?1 as text) is not null and xid >= cast(cast(?1 as text) as xid8)
                  and (?3 or origin <> ?2)""")
                .setParameter(1, unseenFrom).setParameter(2, instance).setParameter(3, replica.configured())
                .getSingleResult();
        if (unseenFrom == null) {
            // At start the cache is empty: nothing to drop, only where to read from next.
            LOG.debugf("Reading other instances' content changes from transaction %s", row[0]);
        } else if (row[1] != null) {
            // Rows of several writes name a key as often as they changed it.
            List<String> keys = Arrays.asList(((String) row[1]).split(" "));
            invalidate(keys);
            if (replica.configured()) {
                awaitingReplica.add(LogPosition.parse((String) row[2]), keys);
            }
        }
        unseenFrom = (String) row[0];
        if (++pollsSincePrune >= POLLS_BETWEEN_PRUNES) {
            pollsSincePrune = 0;
            entityManager.createNativeQuery("delete from content_invalidation where created_at < now() - interval '1 hour'")
                    .executeUpdate();
        }
    }

    /** Not in a transaction: the replica is another database, asked on its own connection. */
    void markWhatTheReplicaReplayed() {
        if (awaitingReplica.isEmpty()) {
            return;
        }
        replica.replayed().ifPresent(replayed -> {
            ChangesAwaitingReplica.Replayed changes = awaitingReplica.takeReplayed(replayed);
            if (changes.everything()) {
                invalidateEverything(clock.incrementAndGet());
            } else if (!changes.keys().isEmpty()) {
                invalidate(changes.keys());
            }
        });
    }

    /** The event of a transaction that changed public content; observed after it commits. */
    record Committed(Set<String> keys) {
    }

    /** The keys the current transaction changed so far: each is written once, and announced at the commit. */
    @TransactionScoped
    static class ChangedInThisTransaction {

        private final Set<String> keys = ConcurrentHashMap.newKeySet();
        private boolean announced;

        List<String> add(Collection<String> changed) {
            return changed.stream().filter(keys::add).toList();
        }

        Set<String> keys() {
            return keys;
        }

        boolean firstTime() {
            boolean first = !announced;
            announced = true;
            return first;
        }
    }
}
