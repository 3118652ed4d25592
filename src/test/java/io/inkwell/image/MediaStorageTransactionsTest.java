package io.inkwell.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.db.BackgroundWork;
import io.inkwell.common.ScratchSpace;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Objects follow the transaction they were written or deleted in, also when two transactions
 * store or drop the same bytes at once (on the real database, with a second thread). Tests run
 * with database storage, so a filesystem storage is made here, on the application's ledger and
 * cleanup beans: the rules are the same for every backend.
 */
@QuarkusTest
class MediaStorageTransactionsTest {

    private static final byte[] BYTES = {1, 2, 3};

    @Inject
    MediaObjectLedger ledger;

    @Inject
    MediaObjectCleanup cleanup;

    @Inject
    EntityManager entityManager;

    private Path root;
    private MediaStorage storage;
    private ExecutorService otherClient;

    @BeforeEach
    void createStorage() throws IOException {
        root = Files.createTempDirectory("inkwell-media-test");
        storage = new TransactionalMediaStorage(new FilesystemObjectStore(root), ledger, cleanup);
        otherClient = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void deleteStorage() {
        otherClient.shutdownNow();
        ScratchSpace.deleteRecursively(root);
    }

    @Test
    void aFileWrittenInARolledBackTransactionIsRemoved() {
        String key = key();
        QuarkusTransaction.begin();
        storage.put(key, BYTES);
        assertTrue(storage.get(key).isPresent());
        QuarkusTransaction.rollback();

        assertFalse(storage.get(key).isPresent());
    }

    @Test
    void aFileWrittenInACommittedTransactionStays() {
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));

        assertTrue(storage.get(key).isPresent());
    }

    @Test
    void aDeletionWaitsForTheCommit() {
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));

        QuarkusTransaction.begin();
        storage.delete(key);
        assertTrue(storage.get(key).isPresent(), "still there before the commit");
        QuarkusTransaction.rollback();
        assertTrue(storage.get(key).isPresent(), "kept when the deletion rolls back");

        QuarkusTransaction.requiringNew().run(() -> storage.delete(key));
        assertFalse(storage.get(key).isPresent());
    }

    @Test
    void theSameBytesStoredTwiceStayUntilTheirLastUserGoes() {
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));

        QuarkusTransaction.requiringNew().run(() -> storage.delete(key));
        assertTrue(storage.get(key).isPresent(), "one user is left");
        QuarkusTransaction.requiringNew().run(() -> storage.delete(key));
        assertFalse(storage.get(key).isPresent());
    }

    @Test
    void aDeletionInATransactionAlreadyDoomedKeepsTheFile() {
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));

        QuarkusTransaction.begin();
        QuarkusTransaction.setRollbackOnly();
        storage.delete(key);
        QuarkusTransaction.rollback();

        assertTrue(storage.get(key).isPresent());
    }

    @Test
    void aFileWrittenInATransactionAlreadyDoomedDoesNotStay() {
        String key = key();
        QuarkusTransaction.begin();
        QuarkusTransaction.setRollbackOnly();
        storage.put(key, BYTES);
        QuarkusTransaction.rollback();

        assertFalse(storage.get(key).isPresent());
    }

    @Test
    void writingOutsideATransactionIsRefused() {
        String key = key();
        assertThrows(IllegalStateException.class, () -> storage.put(key, BYTES));
        assertFalse(storage.get(key).isPresent());
    }

    /**
     * Upload A writes the object; upload B of the same bytes finds it there; A rolls back. B
     * committed, so its object must stay (it used to be deleted by A's rollback).
     */
    @Test
    void anUploadThatRollsBackKeepsTheObjectOfAConcurrentUploadOfTheSameBytes() throws Exception {
        String key = key();
        QuarkusTransaction.begin();
        storage.put(key, BYTES);
        Future<?> otherUpload = otherClient.submit(() -> BackgroundWork.run(
                () -> QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES))));
        awaitWaitingOrDone(otherUpload);
        QuarkusTransaction.rollback();
        otherUpload.get(20, TimeUnit.SECONDS);

        assertTrue(storage.get(key).isPresent(), "the committed upload's object is there");
    }

    /**
     * The last user of an object is deleted while an upload of the same bytes runs: the upload
     * commits after the deletion, so the object must stay (it used to be removed after the
     * deletion's commit).
     */
    @Test
    void deletingTheLastUserKeepsTheObjectOfAConcurrentUploadOfTheSameBytes() throws Exception {
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES));

        QuarkusTransaction.begin();
        storage.delete(key);
        Future<?> upload = otherClient.submit(() -> BackgroundWork.run(
                () -> QuarkusTransaction.requiringNew().run(() -> storage.put(key, BYTES))));
        awaitWaitingOrDone(upload);
        QuarkusTransaction.commit();
        upload.get(20, TimeUnit.SECONDS);

        assertTrue(storage.get(key).isPresent(), "the upload committed after the deletion");
    }

    /** Lets the other transaction run until it ends or waits for a lock this one holds (asked in this one). */
    private void awaitWaitingOrDone(Future<?> other) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20)).pollInSameThread()
                .until(() -> other.isDone() || waitingForALock());
    }

    private boolean waitingForALock() {
        return ((Number) entityManager.createNativeQuery("select count(*) from pg_stat_activity "
                + "where wait_event_type = 'Lock' and datname = current_database()").getSingleResult()).longValue() > 0;
    }

    private static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
