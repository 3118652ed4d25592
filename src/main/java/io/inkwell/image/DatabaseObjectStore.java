package io.inkwell.image;

import jakarta.persistence.EntityManager;
import java.util.Optional;

/**
 * The default: bytes in PostgreSQL, so a database backup is a media backup. Writes join the
 * current transaction, so an upload's bytes and its row commit or vanish together.
 */
class DatabaseObjectStore implements MediaObjectStore {

    private final EntityManager entityManager;

    DatabaseObjectStore(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void write(String key, byte[] content) {
        // A removal waiting for its commit may have left the row: its bytes are these bytes.
        if (!exists(key)) {
            entityManager.persist(new MediaBlob(key, content));
        }
    }

    private boolean exists(String key) {
        return !entityManager.createQuery("select 1 from MediaBlob b where b.storageKey = :key", Integer.class)
                .setParameter("key", key).getResultList().isEmpty();
    }

    @Override
    public Optional<byte[]> read(String key) {
        // A query for the bytes, not find(): the persistence context need not keep every blob read.
        return entityManager.createQuery("select b.content from MediaBlob b where b.storageKey = :key", byte[].class)
                .setParameter("key", key).getResultStream().findFirst();
    }

    @Override
    public void remove(String key) {
        entityManager.createQuery("delete from MediaBlob b where b.storageKey = :key")
                .setParameter("key", key).executeUpdate();
    }

    @Override
    public String location() {
        return "database";
    }
}
