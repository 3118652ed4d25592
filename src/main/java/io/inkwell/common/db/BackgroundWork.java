package io.inkwell.common.db;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;

/**
 * Database work on a thread of our own (an executor's, not a request's or a @Scheduled
 * method's). Quarkus asks {@link DatabaseRouting} which database a session uses only inside an
 * active CDI request context, and without one Hibernate refuses to open a session at all
 * ("no tenant identifier specified"). Such work gets a request context of its own for its
 * duration, and with it the primary; a context propagated from a request is set aside, since
 * that request may end, and its context with it, while the work runs.
 */
public final class BackgroundWork {

    private BackgroundWork() {
    }

    public static void run(Runnable work) {
        ManagedContext requestContext = Arc.container().requestContext();
        InjectableContext.ContextState propagated = requestContext.getStateIfActive();
        requestContext.activate();
        try {
            work.run();
        } finally {
            requestContext.terminate();
            if (propagated != null) {
                requestContext.activate(propagated);
            }
        }
    }
}
