package io.inkwell.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * Plain SQL writes (snapshot rows, link rows, sources) that a long transaction can hold back
 * and send in JDBC batches. An import of a thousand posts otherwise pays a database round trip
 * for every row it writes, and on a busy small server each one costs far more than the row.
 *
 * <p>Until {@link #open()} is called in a transaction, {@link #execute} runs each statement at
 * once. After it, statements wait for {@link #flush()}, which flushes Hibernate's entities
 * first and then runs the waiting statements grouped by SQL text, each group in the order its
 * SQL was first queued. So a queued statement may rely on entities and on the rows of any SQL
 * queued before its own SQL first was (a parent row), but on no other order. That holds when
 * each post is written at most once between two flushes (an import touches each post once) and
 * no two statements of one post write the same row: a post unpublished and published again
 * before one flush could see its delete run after its insert.
 */
@ApplicationScoped
public class DeferredWrites {

    private static final Object KEY = DeferredWrites.class;
    /** What {@link #execute} returns for a statement that waits for the flush. */
    public static final int UNKNOWN = -1;

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;

    public DeferredWrites(EntityManager entityManager, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.transactions = transactions;
    }

    /** Holds back the statements of the current transaction until {@link #flush()}. */
    public void open() {
        if (queue() != null) {
            return;
        }
        Map<String, List<Object[]>> queue = new LinkedHashMap<>();
        transactions.putResource(KEY, queue);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // A commit must never silently drop writes that were promised.
                if (!queue.isEmpty() && transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                    throw new IllegalStateException(queue.size() + " kinds of statements were queued and never flushed");
                }
            }

            @Override
            public void afterCompletion(int status) {
                queue.clear();
            }
        });
    }

    public boolean isOpen() {
        return queue() != null;
    }

    /**
     * Runs {@code sql} (JDBC {@code ?} parameters) now, or queues it while open. A parameter may
     * be a {@link Supplier}, read when the statement runs (a version only a flush settles);
     * {@code UUID[]} and {@code String[]} are sent as PostgreSQL arrays.
     *
     * @return the rows it changed, or {@link #UNKNOWN} when it was queued
     */
    public int execute(String sql, Object... parameters) {
        Map<String, List<Object[]>> queue = queue();
        if (queue != null) {
            queue.computeIfAbsent(sql, key -> new ArrayList<>()).add(parameters.clone());
            return UNKNOWN;
        }
        return session().doReturningWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                bind(connection, statement, parameters);
                return statement.executeUpdate();
            }
        });
    }

    /**
     * Makes the entities' pending changes visible to the statements that follow: at once, or,
     * while statements are held back, at their {@link #flush()}, which flushes entities first.
     */
    public void flushEntities() {
        if (!isOpen()) {
            entityManager.flush();
        }
    }

    /** Writes the entities' changes, then every queued statement, in one batch per SQL text. */
    public void flush() {
        entityManager.flush();
        Map<String, List<Object[]>> queue = queue();
        if (queue == null || queue.isEmpty()) {
            return;
        }
        List<Map.Entry<String, List<Object[]>>> batches = new ArrayList<>(queue.entrySet());
        queue.clear();
        session().doWork(connection -> {
            for (Map.Entry<String, List<Object[]>> batch : batches) {
                try (PreparedStatement statement = connection.prepareStatement(batch.getKey())) {
                    for (Object[] parameters : batch.getValue()) {
                        bind(connection, statement, parameters);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
        });
    }

    /** Forgets the queued statements: the transaction will roll back, or the work they belong to failed. */
    public void discard() {
        Map<String, List<Object[]>> queue = queue();
        if (queue != null) {
            queue.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Object[]>> queue() {
        return transactions.getTransactionKey() == null ? null : (Map<String, List<Object[]>>) transactions.getResource(KEY);
    }

    private Session session() {
        return entityManager.unwrap(Session.class);
    }

    private static void bind(Connection connection, PreparedStatement statement, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i] instanceof Supplier<?> supplier ? supplier.get() : parameters[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.OTHER);
            } else if (value instanceof UUID[] ids) {
                statement.setArray(index, connection.createArrayOf("uuid", ids));
            } else if (value instanceof String[] texts) {
                statement.setArray(index, connection.createArrayOf("text", texts));
            } else {
                statement.setObject(index, value);
            }
        }
    }
}
