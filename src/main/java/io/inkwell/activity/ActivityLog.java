package io.inkwell.activity;

import io.inkwell.activity.ActivityDtos.ActivityFilter;
import io.inkwell.activity.ActivityDtos.ActivityView;
import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** The activity log: written after each Admin API write, read by admins, pruned by age. */
@ApplicationScoped
public class ActivityLog implements PanacheRepositoryBase<Activity, Long> {

    private static final Logger LOG = Logger.getLogger(ActivityLog.class);

    private final InkwellConfig config;
    private final Clock clock;

    public ActivityLog(InkwellConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** In a transaction of its own: a write that failed and rolled back is logged too. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(Activity activity) {
        activity.at = Times.now(clock);
        persist(activity);
    }

    public Page<ActivityView> list(ActivityFilter filter, PageRequest page) {
        List<String> where = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.tokenId() != null) {
            where.add("tokenId = :tokenId");
            parameters.and("tokenId", filter.tokenId());
        }
        if (filter.authorId() != null) {
            where.add("authorId = :authorId");
            parameters.and("authorId", filter.authorId());
        }
        if (filter.resource() != null) {
            where.add("resource = :resource");
            parameters.and("resource", filter.resource());
        }
        if (filter.resourceId() != null) {
            where.add("resourceId = :resourceId");
            parameters.and("resourceId", filter.resourceId());
        }
        if (filter.since() != null) {
            where.add("at >= :since");
            parameters.and("since", filter.since());
        }
        if (filter.until() != null) {
            where.add("at < :until");
            parameters.and("until", filter.until());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by at desc, id desc";
        PanacheQuery<Activity> found = find(query, parameters);
        return page.toPage(found.page(page.page() - 1, page.limit()).stream().map(ActivityView::from).toList(),
                found.count());
    }

    /** Entries older than INKWELL_ACTIVITY_RETENTION go. */
    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void prune() {
        long removed = delete("at < ?1", Times.now(clock).minus(config.activity().retention()));
        if (removed > 0) {
            LOG.debugf("Removed %d activity entries past their retention.", removed);
        }
    }
}
