package io.inkwell.post;

import io.inkwell.common.db.ScheduledWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Finds where the words of new search passages are, and what they are indexed as (their marks,
 * V20), in the background: a second or so after a publish, and in batches after an import, which
 * would take half as long again if it found them itself. Until then a search marks such a
 * passage with ts_headline, which marks the same words.
 */
@ApplicationScoped
class PassageMarker {

    /** Passages marked in one transaction: some 40 ms of work. */
    static final int BATCH = 500;
    /** Held while a batch is marked, so that one server at a time does it. */
    static final long MARKING_LOCK = 0x696e6b6d61726bL;

    /*
     * The passages of posts indexed in the server's language (?2), when it is one whose words
     * can be counted (search_passage_marks_setup gives a row). Posts indexed in another (for the
     * moment of a re-index at start) keep theirs unmarked and are not picked again, so every
     * batch marks all it picks and the loop below ends.
     */
    private static final String MARK_BATCH = """
            with setup as (select * from search_passage_marks_setup(cast(?2 as regconfig))),
            batch as (
                select u.post_id, u.ordinal
                from live_post_passage u join live_post lp on lp.post_id = u.post_id
                where u.marks is null and lp.search_language = cast(?2 as regconfig) and exists (select 1 from setup)
                limit ?1 for update of u skip locked)
            update live_post_passage p
            set marks = search_passage_marks(p.passage, cast(?2 as regconfig), setup.parser, setup.compound, setup.unindexed)
            from batch, setup
            where p.post_id = batch.post_id and p.ordinal = batch.ordinal
            """;

    private final EntityManager entityManager;
    private final ScheduledWork work;
    private final PostSearchIndex index;

    PassageMarker(EntityManager entityManager, ScheduledWork work, PostSearchIndex index) {
        this.entityManager = entityManager;
        this.work = work;
        this.index = index;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markOnSchedule() {
        work.run("marking search passages", this::markAll);
    }

    /** Marks every passage written unmarked, a batch per transaction; how many it marked. */
    int markAll() {
        // Most seconds there is nothing to mark: one probe of the small index of unmarked
        // passages, rather than the configuration's check (some milliseconds) every second.
        boolean unmarked = (Boolean) entityManager.createNativeQuery(
                "select exists (select 1 from live_post_passage where marks is null)").getSingleResult();
        if (!unmarked) {
            return 0;
        }
        int total = 0;
        int marked;
        do {
            marked = QuarkusTransaction.requiringNew().call(this::markBatch);
            total += marked;
        } while (marked == BATCH);
        return total;
    }

    private int markBatch() {
        boolean mine = (Boolean) entityManager.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                .setParameter(1, MARKING_LOCK).getSingleResult();
        return mine ? entityManager.createNativeQuery(MARK_BATCH).setParameter(1, BATCH).setParameter(2, index.language())
                .executeUpdate() : 0;
    }
}
