package io.inkwell.image;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/** The default: bytes in PostgreSQL, so a database backup is a media backup and uploads are atomic. */
class DatabaseMediaStorage implements MediaStorage {

    private final EntityManager entityManager;

    DatabaseMediaStorage(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void put(String key, byte[] content) {
        // Keys are content hashes: bytes stored under the key already are these bytes. (Within
        // one transaction a key is put once: ImageService.store finds an image it stored already.)
        if (!exists(key)) {
            entityManager.persist(new MediaBlob(key, content));
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        // A query for the bytes, not find(): the persistence context need not keep every blob read.
        return entityManager.createQuery("select b.content from MediaBlob b where b.storageKey = :key", byte[].class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    @Override
    public void delete(String key) {
        entityManager.createQuery("delete from MediaBlob b where b.storageKey = :key")
                .setParameter("key", key).executeUpdate();
    }

    private boolean exists(String key) {
        return !entityManager.createQuery("select 1 from MediaBlob b where b.storageKey = :key", Integer.class)
                        .setParameter("key", key).getResultList().isEmpty();
    }
}
