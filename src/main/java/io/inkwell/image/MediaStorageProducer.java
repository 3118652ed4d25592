package io.inkwell.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

class MediaStorageProducer {

    @Produces
    @ApplicationScoped
    MediaStorage mediaStorage(MediaObjectStores stores, MediaObjectLedger ledger, MediaObjectCleanup cleanup) {
        return new TransactionalMediaStorage(stores.current(), ledger, cleanup);
    }
}
