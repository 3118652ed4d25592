package io.inkwell.common.db;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs the once-a-second jobs so that a database outage is one warning when it starts and one
 * line when it ends, instead of a stack trace every second until it is over.
 */
@ApplicationScoped
public class ScheduledWork {

    private static final Logger LOG = Logger.getLogger(ScheduledWork.class);
    private final AtomicBoolean databaseDown = new AtomicBoolean();

    public void run(String job, Runnable work) {
        try {
            work.run();
            if (databaseDown.compareAndSet(true, false)) {
                LOG.infof("The database answers again; %s resumed", job);
            }
        } catch (RuntimeException e) {
            if (!DatabaseOutage.causedBy(e)) {
                throw e;
            }
            if (databaseDown.compareAndSet(false, true)) {
                LOG.warnf("The database cannot be reached; %s waits until it is back", job);
            }
        }
    }
}
