package io.inkwell.post;

import io.inkwell.author.Author;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The working copy of a post or page: what the Admin API edits. */
@Entity
@Table(name = "post")
public class Post {
    @Id
    public UUID id;
    @Convert(converter = PostType.Column.class)
    public PostType type;
    public String slug;
    public String title;
    public String markdown;
    public String html;
    @Column(name = "custom_excerpt")
    public String customExcerpt;
    public String excerpt;
    @Column(name = "feature_image_id")
    public UUID featureImageId;
    @Column(name = "feature_image_url")
    public String featureImageUrl;
    @Column(name = "feature_image_alt")
    public String featureImageAlt;
    /** JSON object text, exactly as the client sent it. */
    public String meta;
    @Convert(converter = PostStatus.Column.class)
    public PostStatus status;
    /** When it went (or goes, if scheduled) live. */
    @Column(name = "published_at")
    public OffsetDateTime publishedAt;
    @Column(name = "unpublish_at")
    public OffsetDateTime unpublishAt;
    @Column(name = "word_count")
    public int wordCount;
    @Column(name = "reading_time_minutes")
    public int readingTimeMinutes;
    @Column(name = "has_unpublished_changes")
    public boolean hasUnpublishedChanges;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    @ManyToMany
    @JoinTable(name = "post_author", joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "author_id"))
    @OrderColumn(name = "position")
    public List<Author> authors = new ArrayList<>();

    /** Tags and categories together, each kept in the order the author gave. */
    @ManyToMany
    @JoinTable(name = "post_term", joinColumns = @JoinColumn(name = "post_id"),
            inverseJoinColumns = @JoinColumn(name = "term_id"))
    @OrderColumn(name = "position")
    public List<Term> terms = new ArrayList<>();

    public List<Term> terms(Taxonomy taxonomy) {
        return terms.stream().filter(term -> term.taxonomy == taxonomy).toList();
    }
}
