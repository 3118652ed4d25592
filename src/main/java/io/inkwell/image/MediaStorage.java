package io.inkwell.image;

import java.util.Optional;

/**
 * Where image bytes live, with the rules every backend keeps ({@link TransactionalMediaStorage}).
 * Keys are content hashes, so a key's bytes never change; a backend ({@link MediaObjectStore})
 * only moves bytes.
 */
public interface MediaStorage {

    /** Stores the bytes as part of the current transaction: if it rolls back, nothing remains. */
    void put(String key, byte[] content);

    Optional<byte[]> get(String key);

    /** Removes the bytes once the current transaction commits. */
    void delete(String key);
}
