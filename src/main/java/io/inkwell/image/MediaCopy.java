package io.inkwell.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An object copied to another storage and read back there with the right SHA-256 ({@link MediaMigration}). */
@Entity
@Table(name = "media_copy")
@IdClass(MediaCopy.Key.class)
class MediaCopy {
    /** The storage copied to, by {@link MediaObjectStore#location()}. */
    @Id
    String target;
    @Id
    @Column(name = "storage_key")
    String storageKey;
    String sha256;
    @Column(name = "verified_at")
    OffsetDateTime verifiedAt;

    static class Key implements Serializable {
        String target;
        String storageKey;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(target, key.target)
                    && Objects.equals(storageKey, key.storageKey);
        }

        @Override
        public int hashCode() {
            return Objects.hash(target, storageKey);
        }
    }
}
