package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * Holds writes to a few at a time ({@link Slots}). Rendering, sanitizing, indexing and
 * committing a post takes a core between this JVM and PostgreSQL; eight clients writing at once
 * on a two-core server left readers a sixth of their throughput. Writes wait their turn instead,
 * in arrival order, for up to INKWELL_WRITES_SLOT_WAIT, then get 503 and retry.
 */
@WriteSlot
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class WriteSlots {

    private final Slots slots;

    public WriteSlots(InkwellConfig config) {
        int count = config.writes().maxConcurrent()
                .orElse(Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
        // Any number may wait: writers are few, and each sends one write at a time.
        this.slots = new Slots(count, config.writes().slotWait(), Integer.MAX_VALUE,
                "The server is busy with other writes; retry in a few seconds.");
    }

    @AroundInvoke
    Object inSlot(InvocationContext invocation) throws Exception {
        return slots.call(invocation::proceed);
    }
}
