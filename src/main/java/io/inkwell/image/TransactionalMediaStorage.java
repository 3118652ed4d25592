package io.inkwell.image;

import java.util.Optional;

/**
 * The rules of {@link MediaStorage} for every backend: the ledger ({@link MediaObjectLedger})
 * decides under a row lock which transaction writes an object, and {@link MediaObjectCleanup}
 * removes what a rollback or a commit left unused. The backend only moves bytes.
 */
class TransactionalMediaStorage implements MediaStorage {

    private final MediaObjectStore store;
    private final MediaObjectLedger ledger;
    private final MediaObjectCleanup cleanup;

    TransactionalMediaStorage(MediaObjectStore store, MediaObjectLedger ledger, MediaObjectCleanup cleanup) {
        this.store = store;
        this.ledger = ledger;
        this.cleanup = cleanup;
    }

    @Override
    public void put(String key, byte[] content) {
        if (cleanup.doomedTransaction()) {
            return; // it rolls back whatever happens, and then nothing may remain
        }
        if (ledger.use(key)) {
            // Announced first: a write that fails halfway is cleaned up with the rollback it causes.
            cleanup.written(store, key);
            store.write(key, content);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        return store.read(key);
    }

    @Override
    public void delete(String key) {
        if (cleanup.doomedTransaction()) {
            return;
        }
        ledger.release(key);
        cleanup.released(store, key);
    }
}
