package io.inkwell.common.web;

import io.inkwell.common.db.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Tells Content API caches when public content changed. Every write to public content advances
 * a sequence in the database; this instance moves its local epoch on at the commit of its own
 * writes, and when polling shows that another instance wrote. Cached responses are valid only
 * for the epoch they were read in.
 */
@ApplicationScoped
public class ContentGeneration {

    private static final Object REGISTERED = ContentGeneration.class;

    private static final Logger LOG = Logger.getLogger(ContentGeneration.class);

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final DataSource dataSource;
    private final ScheduledWork scheduledWork;
    private final AtomicLong epoch = new AtomicLong();
    private volatile long lastSeenInDatabase = -1;

    public ContentGeneration(EntityManager entityManager, TransactionSynchronizationRegistry transactions,
            DataSource dataSource, ScheduledWork scheduledWork) {
        this.scheduledWork = scheduledWork;
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    public long epoch() {
        return epoch.get();
    }

    /** Marks public content as changed; readers see it once the current transaction commits. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void bump() {
        // Once per transaction is enough: readers compare the value, not count the changes. A
        // transaction already doomed to roll back changes nothing readers could see.
        if (transactions.getTransactionStatus() == Status.STATUS_MARKED_ROLLBACK) {
            return;
        }
        if (transactions.getResource(REGISTERED) == null) {
            entityManager.createNativeQuery("select nextval('content_generation')").getSingleResult();
            transactions.putResource(REGISTERED, Boolean.TRUE);
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // nothing to prepare
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        epoch.incrementAndGet();
                        announceCommitted();
                    }
                }
            });
        }
    }

    /**
     * Sequences ignore transactions: another instance may see the value advanced inside the
     * write transaction before the commit, reload the old rows and keep them. Advancing it once
     * more after the commit makes every instance reload again, now seeing the committed rows.
     */
    private void announceCommitted() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select nextval('content_generation')");
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("Other instances may serve cached content until the next change: %s", e.getMessage());
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
}
