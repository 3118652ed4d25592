package io.inkwell.image;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * How many committed rows (images, variants) use each stored object, in {@code media_object}.
 * Each method takes the object's row lock for the rest of the transaction, so everything that
 * stores or removes the same key happens one transaction after the other, whichever backend
 * holds the bytes. Native SQL: JPA cannot say "insert, or add one, and tell me the count".
 */
@ApplicationScoped
class MediaObjectLedger {

    private final EntityManager entityManager;

    MediaObjectLedger(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * One more row uses the object. True when it is the only one: no committed row had it, so
     * this transaction stores the bytes (an upload of the same bytes that is still running
     * holds the lock, and this waits for it to end).
     */
    boolean use(String key) {
        return count("insert into media_object (storage_key, refs) values (:key, 1) "
                + "on conflict (storage_key) do update set refs = media_object.refs + 1 returning refs", key) == 1;
    }

    /** One row fewer uses the object; whether it goes is decided after the commit ({@link #lockIfUnused}). */
    void release(String key) {
        entityManager.createNativeQuery("update media_object set refs = refs - 1 where storage_key = :key and refs > 0")
                .setParameter("key", key).executeUpdate();
    }

    /**
     * Locks the object's row (making one for an object no row knows) and tells whether no
     * committed row uses it; then the row goes with this transaction's commit, and the caller
     * removes the bytes before that commit, while no one can take the object up.
     */
    boolean lockIfUnused(String key) {
        long refs = count("insert into media_object (storage_key, refs) values (:key, 0) "
                + "on conflict (storage_key) do update set refs = media_object.refs returning refs", key);
        if (refs > 0) {
            return false;
        }
        entityManager.createNativeQuery("delete from media_object where storage_key = :key")
                .setParameter("key", key).executeUpdate();
        return true;
    }

    private long count(String sql, String key) {
        return ((Number) entityManager.createNativeQuery(sql).setParameter("key", key).getSingleResult()).longValue();
    }
}
