package io.inkwell.post;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One revision of a post's working copy: its content as {@link PostContent} JSON, who saved it
 * and when. Saves by one token within a short window update the newest revision
 * ({@link PostRevisions}).
 */
@Entity
@Table(name = "post_revision")
class PostRevision {

    /** Where a save came from, as stored in {@code source}. */
    static final String API = "api";
    static final String IMPORT = "import";
    static final String SYSTEM = "system";

    /** Assigned here rather than by the database, so an import's inserts go out in batches. */
    @Id
    UUID id;
    @Column(name = "post_id")
    UUID postId;
    /** 1, 2, 3... within the post; the API's {@code {rev}}. */
    int number;
    @Column(name = "content_hash")
    String contentHash;
    String content;
    String source;
    @Column(name = "token_id")
    UUID tokenId;
    @Column(name = "token_name")
    String tokenName;
    @Column(name = "author_id")
    UUID authorId;
    @Column(name = "created_at")
    OffsetDateTime createdAt;
    @Column(name = "saved_at")
    OffsetDateTime savedAt;
    int saves;
    /** The last time this revision went live, or null if it never did. */
    @Column(name = "published_at")
    OffsetDateTime publishedAt;
}
