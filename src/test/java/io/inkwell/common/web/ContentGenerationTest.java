package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.db.BackgroundWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Changes are marked by key: at the commit for this instance's own writes, and from the
 * database's rows for other instances' writes, including ones that commit out of order.
 */
@QuarkusTest
class ContentGenerationTest {

    @Inject
    ContentGeneration generation;

    @Inject
    EntityManager entityManager;

    @Test
    void aCommittedChangeMakesOnlyItsKeysStale() {
        String changed = key();
        String untouched = key();
        long builtAt = generation.now();

        QuarkusTransaction.requiringNew().run(() -> {
            generation.changed(changed);
            generation.changed(changed, changed);
            assertTrue(generation.unchangedSince(builtAt, List.of(changed)), "not before the commit");
        });

        assertFalse(generation.unchangedSince(builtAt, List.of(untouched, changed)));
        assertTrue(generation.unchangedSince(builtAt, List.of(untouched)));
        assertTrue(generation.unchangedSince(generation.now(), List.of(changed)), "what is built afterwards is current");
        assertEquals(1, rowsWith(changed), "written once for the other instances");
    }

    @Test
    void aRolledBackChangeIsNotAnnounced() {
        String key = key();
        long builtAt = generation.now();

        QuarkusTransaction.begin();
        generation.changed(key);
        QuarkusTransaction.rollback();

        assertTrue(generation.unchangedSince(builtAt, List.of(key)));
        assertEquals(0, rowsWith(key));
    }

    @Test
    void aTransactionAlreadyDoomedChangesNothing() {
        String key = key();

        QuarkusTransaction.begin();
        QuarkusTransaction.setRollbackOnly();
        generation.changed(key);
        QuarkusTransaction.rollback();

        assertEquals(0, rowsWith(key));
    }

    /**
     * Another instance's transaction that wrote its row first but commits last is still seen: a
     * poll in between must not move past it.
     */
    @Test
    void anotherInstancesChangesAreSeenEvenWhenTheyCommitOutOfOrder() throws Exception {
        generation.readOtherInstancesChanges();
        String slow = key();
        String fast = key();
        long builtAt = generation.now();
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        CompletableFuture<Void> slowWriter = CompletableFuture.runAsync(() -> BackgroundWork.run(() -> QuarkusTransaction.requiringNew().run(() -> {
            insertAsAnotherInstance(slow);
            written.countDown();
            await(commit);
        })));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        QuarkusTransaction.requiringNew().run(() -> insertAsAnotherInstance(fast));

        generation.readOtherInstancesChanges();
        assertFalse(generation.unchangedSince(builtAt, List.of(fast)), "a committed change is seen at the next poll");
        assertTrue(generation.unchangedSince(builtAt, List.of(slow)), "an uncommitted one is not");

        commit.countDown();
        slowWriter.get(10, TimeUnit.SECONDS);
        generation.readOtherInstancesChanges();
        assertFalse(generation.unchangedSince(builtAt, List.of(slow)), "and is seen once committed, though written earlier");
    }

    /**
     * Two writes of other instances to the same post between two polls name its key twice; the
     * poll must take both (it once failed on the duplicate and, never moving on, read the same
     * rows again every second, so no later change of another instance was seen either).
     */
    @Test
    void aKeyNamedByTwoOfAnotherInstancesWritesIsSeenAndSoAreLaterChanges() {
        generation.readOtherInstancesChanges();
        String post = key();
        long builtAt = generation.now();
        QuarkusTransaction.requiringNew().run(() -> insertAsAnotherInstance(post));
        QuarkusTransaction.requiringNew().run(() -> insertAsAnotherInstance(post));
        generation.readOtherInstancesChanges();
        assertFalse(generation.unchangedSince(builtAt, List.of(post)));

        String later = key();
        long builtLater = generation.now();
        QuarkusTransaction.requiringNew().run(() -> insertAsAnotherInstance(later));
        generation.readOtherInstancesChanges();
        assertFalse(generation.unchangedSince(builtLater, List.of(later)), "the next poll still reads new rows");
    }

    private void insertAsAnotherInstance(String key) {
        entityManager.createNativeQuery("insert into content_invalidation (origin, keys) values (?1, ?2)")
                .setParameter(1, UUID.randomUUID()).setParameter(2, key).executeUpdate();
    }

    private long rowsWith(String key) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select count(*) from content_invalidation where keys = ?1").setParameter(1, key)
                .getSingleResult()).longValue());
    }

    private static String key() {
        return "test-" + UUID.randomUUID();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
