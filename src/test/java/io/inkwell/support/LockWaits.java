package io.inkwell.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/** For tests that hold a request in the database with a lock, to see what the others do meanwhile. */
public final class LockWaits {

    private LockWaits() {
    }

    /**
     * Until a statement whose text contains {@code queryPart} waits for a lock; fails, saying
     * {@code nothing}, if none does within 20 seconds.
     */
    public static void awaitStatementWaitingForALock(DataSource dataSource, String queryPart, String nothing)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try (Connection observer = dataSource.getConnection(); Statement statement = observer.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (ResultSet waiting = statement.executeQuery("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and wait_event_type = 'Lock' and strpos(query, '" + queryPart.replace("'", "''") + "') > 0")) {
                    waiting.next();
                    if (waiting.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError(nothing);
    }
}
