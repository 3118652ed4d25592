package io.inkwell.image;

import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.Optional;

/** The default: bytes in PostgreSQL, so a database backup is a media backup and uploads are atomic. */
class DatabaseMediaStorage implements MediaStorage {

    private final EntityManager entityManager;

    DatabaseMediaStorage(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public void put(String key, byte[] content) {
        entityManager.createNativeQuery("""
                insert into media_blob (storage_key, content) values (?1, ?2)
                on conflict (storage_key) do nothing""")
                .setParameter(1, key).setParameter(2, content).executeUpdate();
    }

    @Override
    public Optional<byte[]> get(String key) {
        @SuppressWarnings("unchecked")
        List<byte[]> found = entityManager.createNativeQuery("select content from media_blob where storage_key = ?1")
                .setParameter(1, key).getResultList();
        return found.stream().findFirst();
    }

    @Override
    public void delete(String key) {
        entityManager.createNativeQuery("delete from media_blob where storage_key = ?1")
                .setParameter(1, key).executeUpdate();
    }
}
