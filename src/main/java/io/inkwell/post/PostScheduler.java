package io.inkwell.post;

import io.inkwell.common.db.ScheduledWork;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Publishes and unpublishes at the times authors set, within about a second, also after a restart. */
@ApplicationScoped
class PostScheduler {

    private static final Logger LOG = Logger.getLogger(PostScheduler.class);
    private final PostService service;
    private final ScheduledWork work;

    PostScheduler(PostService service, ScheduledWork work) {
        this.service = service;
        this.work = work;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void runDueTransitions() {
        work.run("scheduled publishing", () -> {
            int done = service.runDueTransitions();
            if (done > 0) {
                LOG.infof("Carried out %d scheduled publish/unpublish action(s).", done);
            }
        });
    }
}
