package io.inkwell.common.web;

import io.inkwell.common.error.ServiceUnavailableException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Work that runs a few at a time: the rest waits its turn, in arrival order, for up to a limit,
 * then gets a 503 (with Retry-After) to retry. For work that keeps a core busy between this JVM
 * and PostgreSQL, where more at once only makes each take longer: writes ({@link WriteSlots})
 * and searches that miss the cache.
 */
public final class Slots {

    private final Semaphore slots;
    private final Duration wait;
    private final int maxWaiting;
    private final String busy;

    /**
     * {@code maxWaiting}: how many may wait at once; the next gets the 503 at once, since each
     * waiting request holds a worker thread that other requests need too. {@code busy}: the
     * 503's detail, which says what the server is busy with.
     */
    public Slots(int count, Duration wait, int maxWaiting, String busy) {
        this.slots = new Semaphore(count, true);
        this.wait = wait;
        this.maxWaiting = maxWaiting;
        this.busy = busy;
    }

    /** Work that may throw {@code E}: a checked exception for an interceptor, none for a lambda. */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        T run() throws E;
    }

    public <T, E extends Exception> T call(Work<T, E> work) throws E {
        if (slots.getQueueLength() >= maxWaiting || !acquire()) {
            throw new ServiceUnavailableException(busy);
        }
        try {
            return work.run();
        } finally {
            slots.release();
        }
    }

    /** Whether anyone waits for a slot now (for tests). */
    boolean waitingNow() {
        return slots.hasQueuedThreads();
    }

    private boolean acquire() {
        try {
            return slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
