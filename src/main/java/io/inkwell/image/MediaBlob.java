package io.inkwell.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Stored bytes of the database storage backend, by content-derived key. */
@Entity
@Table(name = "media_blob")
class MediaBlob {
    @Id
    @Column(name = "storage_key")
    String storageKey;
    byte[] content;

    MediaBlob() {
    }

    MediaBlob(String storageKey, byte[] content) {
        this.storageKey = storageKey;
        this.content = content;
    }
}
