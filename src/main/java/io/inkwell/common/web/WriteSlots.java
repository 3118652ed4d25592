package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ServiceUnavailableException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Holds writes to a few at a time. Rendering, sanitizing, indexing and committing a post takes
 * a core between this JVM and PostgreSQL; eight clients writing at once on a two-core server left
 * readers a sixth of their throughput. Writes wait their turn instead, in arrival order, for up
 * to INKWELL_WRITES_SLOT_WAIT, then get 503 and retry.
 */
@WriteSlot
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteSlots {

    private final Semaphore slots;
    private final Duration wait;

    public WriteSlots(InkwellConfig config) {
        int count = config.writes().maxConcurrent()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        this.slots = new Semaphore(count, true);
        this.wait = config.writes().slotWait();
    }

    @AroundInvoke
    Object inSlot(InvocationContext invocation) throws Exception {
        if (!slots.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new ServiceUnavailableException("The server is busy with other writes; retry in a few seconds.");
        }
        try {
            return invocation.proceed();
        } finally {
            slots.release();
        }
    }
}
