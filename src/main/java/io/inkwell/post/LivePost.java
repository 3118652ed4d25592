package io.inkwell.post;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import org.hibernate.annotations.ColumnTransformer;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The published snapshot of a post: what the Content API serves, with its public JSON already
 * serialized. The author and term links let lists filter by them and let a renamed tag find the
 * snapshots that show it.
 */
@Entity
@Table(name = "live_post")
class LivePost {
    @Id
    @Column(name = "post_id")
    UUID postId;
    @Convert(converter = PostType.Column.class)
    PostType type;
    String slug;
    @Column(name = "published_at")
    OffsetDateTime publishedAt;
    @Column(name = "snapshot_at")
    OffsetDateTime snapshotAt;
    /** The {@link PostState} published, as JSON: what discard-changes goes back to. */
    String state;
    @Column(name = "body_json")
    String bodyJson;
    @Column(name = "summary_json")
    String summaryJson;
    @Column(name = "feature_image_id")
    UUID featureImageId;

    /*
     * The text search finds the snapshot by (PostSearchIndex); PostgreSQL weighs it into the
     * generated column search_vector, which Hibernate neither reads nor writes.
     */
    @Column(name = "search_language", columnDefinition = "regconfig")
    @ColumnTransformer(write = "cast(? as regconfig)")
    String searchLanguage;
    @Column(name = "search_title")
    String searchTitle;
    @Column(name = "search_terms")
    String searchTerms;
    @Column(name = "search_excerpt")
    String searchExcerpt;
    /** The excerpt only when the author wrote one (not the body's opening): ranked ahead of body matches (V18). */
    @Column(name = "search_own_excerpt")
    String searchOwnExcerpt;
    @Column(name = "search_body")
    String searchBody;

    @ElementCollection
    @CollectionTable(name = "live_post_author", joinColumns = @JoinColumn(name = "post_id"))
    @Column(name = "author_id")
    Set<UUID> authorIds = new HashSet<>();

    @ElementCollection
    @CollectionTable(name = "live_post_term", joinColumns = @JoinColumn(name = "post_id"))
    @Column(name = "term_id")
    Set<UUID> termIds = new HashSet<>();

    /** The uploaded images this version uses, which an image deletion without force must leave alone (V22). */
    @ElementCollection
    @CollectionTable(name = "live_post_image", joinColumns = @JoinColumn(name = "post_id"))
    @Column(name = "image_id")
    Set<UUID> imageIds = new HashSet<>();
}
