package io.inkwell.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** That a post's working copy uses an image; kept so "unused" and the delete check are true. */
@Entity
@Table(name = "post_image")
@IdClass(PostImage.Key.class)
public class PostImage {

    @Id
    @Column(name = "post_id")
    public UUID postId;

    @Id
    @Column(name = "image_id")
    public UUID imageId;

    public static class Key implements Serializable {
        public UUID postId;
        public UUID imageId;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(postId, key.postId) && Objects.equals(imageId, key.imageId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(postId, imageId);
        }
    }
}
