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

    private static final String MARK_BATCH = """
            with batch as (
                select u.post_id, u.ordinal from live_post_passage u where u.marks is null
                limit ?1 for update skip locked),
            setup as (
                select languages.language, s.parser, s.compound, s.unindexed
                from (select distinct lp.search_language as language
                      from live_post lp where lp.post_id in (select post_id from batch)) languages,
                     lateral search_passage_marks_setup(languages.language) s)
            update live_post_passage p
            set marks = search_passage_marks(p.passage, setup.language, setup.parser, setup.compound, setup.unindexed)
            from batch, live_post lp, setup
            where p.post_id = batch.post_id and p.ordinal = batch.ordinal
              and lp.post_id = p.post_id and setup.language = lp.search_language
            """;

    private final EntityManager entityManager;
    private final ScheduledWork work;

    PassageMarker(EntityManager entityManager, ScheduledWork work) {
        this.entityManager = entityManager;
        this.work = work;
    }

    @Scheduled(every = "1s", delayed = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void markOnSchedule() {
        work.run("marking search passages", this::markAll);
    }

    /** Marks every passage written unmarked, a batch per transaction; how many it marked. */
    int markAll() {
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
        return mine ? entityManager.createNativeQuery(MARK_BATCH).setParameter(1, BATCH).executeUpdate() : 0;
    }
}
