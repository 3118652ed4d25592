package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Beyond the slots, a bounded number wait; the next is turned away at once rather than held. */
class SlotsTest {

    @Test
    void pastTheWaitingLimitTheNextGets503AtOnce() throws Exception {
        Slots slots = new Slots(1, Duration.ofSeconds(10), 1, "busy");
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> slots.call(() -> {
            inside.countDown();
            await(finish);
            return "running";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> slots.call(() -> "waiting"));
        awaitQueued(slots, waiting);

        long start = System.nanoTime();
        ServiceUnavailableException refused = assertThrows(ServiceUnavailableException.class,
                () -> slots.call(() -> "one too many"));
        assertEquals("busy", refused.getMessage());
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(millis < 1_000, "turned away after " + millis + " ms, not at once");

        finish.countDown();
        assertEquals("running", running.get(10, TimeUnit.SECONDS));
        assertEquals("waiting", waiting.get(10, TimeUnit.SECONDS), "the one that waited gets its turn");
    }

    /** Until the second caller waits in the semaphore's queue (its future cannot show that). */
    private static void awaitQueued(Slots slots, CompletableFuture<String> waiting) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!slots.waitingNow() && !waiting.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(slots.waitingNow(), "the second caller never queued");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
