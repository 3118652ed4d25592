package io.inkwell.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;
import java.util.UUID;

/** A slug a post had before: the Content API redirects it to the post's current one. */
@Entity
@Table(name = "post_slug_alias")
@IdClass(PostSlugAlias.Key.class)
class PostSlugAlias {
    /** {@link PostType#toString()}: converters do not apply to key columns. */
    @Id
    String type;
    /** Lower case, as every slug is. */
    @Id
    String slug;
    @Column(name = "post_id")
    UUID postId;

    static class Key implements Serializable {
        String type;
        String slug;

        Key() {
        }

        Key(PostType type, String slug) {
            this.type = type.toString();
            this.slug = slug;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(type, key.type) && Objects.equals(slug, key.slug);
        }

        @Override
        public int hashCode() {
            return Objects.hash(type, slug);
        }
    }
}
