package io.inkwell.support;

import io.inkwell.common.db.BackgroundWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.security.PermitAll;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Exists only in the test build: two transactions that wait for each other, as two writes
 * locking the same rows in opposite orders do. PostgreSQL ends one of them with a deadlock error;
 * this request fails with it, as such a write would.
 */
@PermitAll
@Path("/test-support/deadlock")
public class DeadlockTestResource {

    private final EntityManager entityManager;

    public DeadlockTestResource(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @POST
    public String deadlock() throws Throwable {
        long first = System.nanoTime();
        long second = first + 1;
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        CompletableFuture<Void> other = CompletableFuture.runAsync(
                () -> BackgroundWork.run(() -> lockBoth(second, first, bothHoldOne)));
        try {
            lockBoth(first, second, bothHoldOne);
            other.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
        throw new IllegalStateException("no deadlock");
    }

    private void lockBoth(long mine, long theirs, CountDownLatch bothHoldOne) {
        QuarkusTransaction.requiringNew().run(() -> {
            lock(mine);
            bothHoldOne.countDown();
            try {
                bothHoldOne.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            lock(theirs);
        });
    }

    private void lock(long key) {
        entityManager.createNativeQuery("select 1 from (select pg_advisory_xact_lock(?1)) locked")
                .setParameter(1, key).getSingleResult();
    }
}
