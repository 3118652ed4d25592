package io.inkwell.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the once-a-second jobs so that a database outage is one warning when it starts and one
 * line when it ends, instead of a stack trace every second until it is over. The primary and the
 * read replica are down or up apart: a job on one must not report the other as back.
 */
@ApplicationScoped
public class ScheduledWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);
    private final AtomicBoolean primaryDown = new AtomicBoolean();
    private final AtomicBoolean replicaDown = new AtomicBoolean();

    /** A job on the primary database. */
    public void run(String job, Runnable work) {
        run(job, work, primaryDown, "The database");
    }

    /** A job on the read replica (INKWELL_READ_DATASOURCE_URL). */
    public void runOnReplica(String job, Runnable work) {
        run(job, work, replicaDown, "The read replica");
    }

    private static void run(String job, Runnable work, AtomicBoolean down, String database) {
        try {
            work.run();
            if (down.compareAndSet(true, false)) {
                LOG.infof("%s answers again; %s resumed", database, job);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            if (down.compareAndSet(false, true)) {
                LOG.warnf("%s cannot be reached; %s waits until it is back", database, job);
            }
        }
    }
}
