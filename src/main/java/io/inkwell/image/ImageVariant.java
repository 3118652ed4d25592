package io.inkwell.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A resized copy of an image, made on its first request and kept. */
@Entity
@Table(name = "image_variant")
@IdClass(ImageVariant.Key.class)
class ImageVariant {
    @Id
    @Column(name = "image_id")
    UUID imageId;
    @Id
    int width;
    int height;
    String format;
    long bytes;
    @Column(name = "storage_key")
    String storageKey;

    static class Key implements Serializable {
        UUID imageId;
        int width;

        Key() {
        }

        Key(UUID imageId, int width) {
            this.imageId = imageId;
            this.width = width;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(imageId, key.imageId) && width == key.width;
        }

        @Override
        public int hashCode() {
            return Objects.hash(imageId, width);
        }
    }
}
