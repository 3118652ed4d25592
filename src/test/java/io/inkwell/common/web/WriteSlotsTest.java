package io.inkwell.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ServiceUnavailableException;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Writes beyond the slots wait their turn, and get a 503 when it does not come in time. */
class WriteSlotsTest {

    @Test
    void aWriteWaitsForTheSlotAndGets503WhenItStaysTaken() throws Exception {
        WriteSlots slots = new WriteSlots(config(1, Duration.ofMillis(300)));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        CompletableFuture<Object> first = CompletableFuture.supplyAsync(() -> call(slots, () -> {
            inside.countDown();
            finish.await(10, TimeUnit.SECONDS);
            return "first";
        }));
        assertTrue(inside.await(10, TimeUnit.SECONDS));

        long start = System.nanoTime();
        assertThrows(ServiceUnavailableException.class, () -> slots.inSlot(invocation(() -> "second")));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(250), "it waited before giving up");

        CompletableFuture<Object> third = CompletableFuture.supplyAsync(() -> call(slots, () -> "third"));
        finish.countDown();
        assertEquals("first", first.get(10, TimeUnit.SECONDS));
        assertEquals("third", third.get(10, TimeUnit.SECONDS), "the slot is free again once the first write ends");
    }

    @Test
    void aFailedWriteGivesItsSlotBack() throws Exception {
        WriteSlots slots = new WriteSlots(config(1, Duration.ofMillis(300)));
        assertThrows(IllegalStateException.class, () -> slots.inSlot(invocation(() -> {
            throw new IllegalStateException("failed");
        })));
        assertEquals("next", slots.inSlot(invocation(() -> "next")));
    }

    private static Object call(WriteSlots slots, Callable<Object> write) {
        try {
            return slots.inSlot(invocation(write));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static InvocationContext invocation(Callable<Object> write) {
        return (InvocationContext) Proxy.newProxyInstance(WriteSlotsTest.class.getClassLoader(),
                new Class<?>[] {InvocationContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("proceed")) {
                        return write.call();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static InkwellConfig config(int slots, Duration wait) {
        InkwellConfig.Writes writes = (InkwellConfig.Writes) Proxy.newProxyInstance(WriteSlotsTest.class.getClassLoader(),
                new Class<?>[] {InkwellConfig.Writes.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "maxConcurrent" -> Optional.of(slots);
                    case "slotWait" -> wait;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (InkwellConfig) Proxy.newProxyInstance(WriteSlotsTest.class.getClassLoader(),
                new Class<?>[] {InkwellConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("writes")) {
                        return writes;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
