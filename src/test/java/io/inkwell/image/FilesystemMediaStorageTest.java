package io.inkwell.image;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.ScratchSpace;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Files follow the transaction they were written or deleted in. Tests run with database
 * storage, so the filesystem storage is made here, on the application's cleanup bean.
 */
@QuarkusTest
class FilesystemMediaStorageTest {

    private static final byte[] BYTES = {1, 2, 3};

    @Inject
    FilesystemMediaCleanup cleanup;

    private Path root;
    private FilesystemMediaStorage storage;

    @BeforeEach
    void createStorage() throws IOException {
        root = Files.createTempDirectory("inkwell-media-test");
        storage = new FilesystemMediaStorage(root, cleanup);
    }

    @AfterEach
    void deleteStorage() {
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

    private static String key() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
