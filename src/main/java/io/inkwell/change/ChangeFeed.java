package io.inkwell.change;

import io.inkwell.change.ChangeDtos.ChangePage;
import io.inkwell.change.ChangeDtos.ChangeView;
import io.inkwell.change.ContentChanges.Resource;
import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.db.ScheduledWork;
import io.inkwell.common.error.GoneException;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Reads the change feed in commit order, and prunes it by age.
 *
 * <p>Why not order by id: ids are taken when a row is written, not when its transaction commits.
 * A transaction holding id 9 may commit after one holding id 10; a reader that already returned
 * 10 would never return 9. Instead each row keeps its transaction's id ({@code xid8}) and a read
 * returns only rows whose transaction is below the <em>watermark</em>, the oldest transaction
 * still running when the read began ({@code pg_snapshot_xmin(pg_current_snapshot())}): all of
 * those have finished, so their rows are all visible and none will be added. Rows are ordered by
 * (xid, id) and the cursor is the last (xid, id) returned. A row that appears later belongs to a
 * transaction that was running or had not begun, so its xid is at or above the watermark, above
 * every cursor handed out: nothing is skipped, on any instance, since the cursor holds only
 * database values. The price: a long transaction (a big import) holds back every change made
 * after it began until it ends.
 */
@ApplicationScoped
public class ChangeFeed {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);

    private final EntityManager entityManager;
    private final ContentGeneration generation;
    private final ScheduledWork scheduledWork;
    private final InkwellConfig config;
    private final Clock clock;

    ChangeFeed(EntityManager entityManager, ContentGeneration generation, ScheduledWork scheduledWork,
            InkwellConfig config, Clock clock) {
        this.entityManager = entityManager;
        this.generation = generation;
        this.scheduledWork = scheduledWork;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The oldest transaction still running: every row below it is final. Read before the page,
     * so a cached page is keyed by it and never goes stale (only pruning changes it, and pruning
     * moves the content generation).
     */
    long watermark() {
        return Long.parseLong((String) entityManager
                .createNativeQuery("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)")
                .getSingleResult());
    }

    /**
     * Up to {@code limit} changes after {@code since} (null: from the oldest change kept) from
     * transactions below {@code watermark}, in commit order; 410 when some of them were pruned.
     */
    ChangePage page(ChangeCursor since, int limit, long watermark) {
        ChangeCursor from = since == null ? ChangeCursor.START : since;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select cast(xid as text) as xid_text, id, kind, type, resource_id, slug, reason, changed_at
                from content_change
                where xid < cast(:watermark as xid8) and (xid, id) > (cast(:xid as xid8), :id)
                order by content_change.xid, content_change.id
                limit :limit""")
                .setParameter("watermark", Long.toString(watermark))
                .setParameter("xid", Long.toString(from.xid()))
                .setParameter("id", from.id())
                .setParameter("limit", limit + 1)
                .getResultList();
        // After the rows: a prune that committed before they were read has moved the horizon by now.
        if (since != null && horizon().isAfter(since)) {
            throw new GoneException("Changes after this cursor are older than the change feed keeps ("
                    + config.changes().retention().toDays() + " days) and were removed. Rebuild in full: fetch every "
                    + "post and page, then follow the change feed from a new cursor.");
        }
        boolean hasMore = rows.size() > limit;
        List<ChangeView> items = new ArrayList<>();
        ChangeCursor next = since;
        for (Object[] row : rows.subList(0, Math.min(limit, rows.size()))) {
            Resource resource = Resource.valueOf(((String) row[3]).toUpperCase(Locale.ROOT));
            String slug = (String) row[5];
            items.add(new ChangeView((String) row[2], resource.value(), (UUID) row[4], slug, resource.path(slug),
                    (String) row[6], Times.toOffsetDateTime(row[7])));
            next = new ChangeCursor(Long.parseLong((String) row[0]), ((Number) row[1]).longValue());
        }
        if (next == null) {
            // Nothing yet from the start: the horizon, read after the rows, is below every change
            // still to come (START would answer 410 once something is pruned, though nothing was missed).
            next = horizon();
        }
        return new ChangePage(items, next.encode(), hasMore);
    }

    /** The last change pruned: everything up to it is gone. */
    private ChangeCursor horizon() {
        Object[] row = (Object[]) entityManager
                .createNativeQuery("select cast(xid as text), id from content_change_horizon")
                .getSingleResult();
        return new ChangeCursor(Long.parseLong((String) row[0]), ((Number) row[1]).longValue());
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOld() {
        scheduledWork.run("pruning the change feed", () -> prune(Times.now(clock).minus(config.changes().retention())));
    }

    /**
     * Removes changes older than {@code cutoff}, as one run from the start of the feed, so "a
     * cursor below the horizon" means exactly "a change after it is gone". The run ends at the
     * newest old-enough change; a younger one before it in commit order (a long transaction's)
     * goes with it.
     */
    @Transactional
    int prune(OffsetDateTime cutoff) {
        int moved = entityManager.createNativeQuery("""
                update content_change_horizon h set xid = cut.xid, id = cut.id
                from (select xid, id from content_change
                      where changed_at < :cutoff and xid < pg_snapshot_xmin(pg_current_snapshot())
                      order by xid desc, id desc limit 1) cut
                where (cut.xid, cut.id) > (h.xid, h.id)""")
                .setParameter("cutoff", cutoff)
                .executeUpdate();
        if (moved == 0) {
            return 0;
        }
        int removed = entityManager.createNativeQuery("""
                delete from content_change
                where (xid, id) <= (select xid, id from content_change_horizon)""")
                .executeUpdate();
        // Cached pages of cursors below the new horizon must now answer 410.
        generation.changed(ContentKeys.CHANGES);
        LOG.debugf("Removed %d changes past their retention from the change feed.", removed);
        return removed;
    }
}
