package io.inkwell.post;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the importer and exporter exchange with the post feature. */
public final class PostImport {

    private PostImport() {
    }

    /**
     * A post as an imported file describes it. {@code featureImage} is a media URL or an
     * external URL; {@code publishedAt} null keeps the post's time (or now, when publishing).
     */
    public record Command(PostType type, String slug, String title, String markdown, String excerpt,
            String featureImage, List<String> authors, List<String> tags, List<String> categories, boolean draft,
            OffsetDateTime publishedAt, OffsetDateTime unpublishAt, String metaJson, List<String> aliases) {
    }

    public record Outcome(UUID postId, long version, boolean created) {
    }

    /** A post or page as the exporter needs it, drafts included. */
    public record Exported(UUID id, PostType type, String slug, String title, String markdown, String customExcerpt,
            UUID featureImageId, String featureImageUrl, List<String> authors, List<String> tags,
            List<String> categories, PostStatus status, OffsetDateTime publishedAt, OffsetDateTime unpublishAt,
            OffsetDateTime updatedAt, long version, String metaJson, List<String> aliases) {
    }
}
