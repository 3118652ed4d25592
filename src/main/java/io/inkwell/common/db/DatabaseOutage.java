package io.inkwell.common.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.hibernate.exception.JDBCConnectionException;

/**
 * Tells a database that cannot be reached (down, restarting, refusing connections) from a query
 * that failed: the first is the server's state, worth a 503 and a retry, not a client's error.
 */
public final class DatabaseOutage {

    /** Seconds a client is asked to wait; the embedded database restarts within a few. */
    public static final int RETRY_AFTER_SECONDS = 5;

    // admin_shutdown, crash_shutdown, cannot_connect_now (starting up, shutting down, in recovery)
    private static final Set<String> UNAVAILABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof ConnectException
                    || cause instanceof SQLTransientConnectionException) {
                return true;
            }
            if (cause instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
                // Agroal's answer when no connection could be made in time; it has no SQL state.
                if (state == null && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
