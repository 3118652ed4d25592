package io.inkwell.image;

import java.util.Optional;

/**
 * Where the bytes of media objects physically are (database, directory, S3 bucket): plain
 * reads and writes, no transactions and no bookkeeping. {@link TransactionalMediaStorage} puts
 * the rules of {@link MediaStorage} on top, the same for every backend.
 */
interface MediaObjectStore {

    /** Stores the bytes under the key, replacing what is there (a key's bytes never change). */
    void write(String key, byte[] content);

    Optional<byte[]> read(String key);

    /** Removes the object; an absent one is no error. */
    void remove(String key);

    /** Where the objects are, e.g. {@code s3://bucket/prefix/}: for logs and copy records. */
    String location();
}
