package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

/**
 * The content sequence moves once inside a writing transaction and once after its commit (in a
 * transaction of its own, which only runs if the call on the bean is intercepted); the local
 * epoch moves at the commit. Other tests write little meanwhile, and nothing writes public
 * content in the background once their scheduled posts are out.
 */
@QuarkusTest
class ContentGenerationTest {

    @Inject
    ContentGeneration generation;

    @Inject
    EntityManager entityManager;

    @Test
    void aCommittedChangeAdvancesTheSequenceInsideTheTransactionAndOnceMoreAfterIt() {
        long before = sequence();
        long epochBefore = generation.epoch();

        QuarkusTransaction.requiringNew().run(() -> {
            generation.bump();
            generation.bump();
            assertEquals(before + 1, sequence(), "advanced once inside the transaction");
        });

        assertEquals(before + 2, sequence());
        assertTrue(generation.epoch() > epochBefore, "the epoch moves at the commit");
    }

    @Test
    void aRolledBackChangeIsNotAnnounced() {
        long before = sequence();

        QuarkusTransaction.begin();
        generation.bump();
        QuarkusTransaction.rollback();

        // Sequences ignore rollbacks: the value taken inside stays taken, but nothing follows.
        assertEquals(before + 1, sequence());
    }

    @Test
    void aTransactionAlreadyDoomedChangesNothing() {
        long before = sequence();

        QuarkusTransaction.begin();
        QuarkusTransaction.setRollbackOnly();
        generation.bump();
        QuarkusTransaction.rollback();

        assertEquals(before, sequence());
    }

    /** How many values the sequence has given out (a fresh one shows 1 before its first). */
    private long sequence() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(
                "select case when is_called then last_value else last_value - 1 end from content_generation")
                .getSingleResult()).longValue());
    }
}
