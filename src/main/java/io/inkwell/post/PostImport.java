package io.inkwell.post;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/** What the importer and exporter exchange with the post feature. */
public final class PostImport {

    private PostImport() {
    }

    /**
     * A post as an imported file describes it. {@code featureImage} is a media URL or an
     * external URL; {@code publishedAt} null keeps the post's time (or now, when publishing).
     * {@code known} false says no post has this type and slug yet, which saves a lookup.
     */
    public record Command(PostType type, String slug, String title, String markdown, String excerpt,
            String featureImage, List<String> authors, List<String> tags, List<String> categories, boolean draft,
            OffsetDateTime publishedAt, OffsetDateTime unpublishAt, String metaJson, List<String> aliases,
            MarkdownRenderer.Rendered rendered, boolean known) {
    }

    /**
     * Renders ahead of time, so an import can render on every core while its writes stay in
     * one transaction. Pass the result as {@link Command#rendered()} for the same Markdown.
     */
    public static MarkdownRenderer.Rendered render(String markdown) {
        return MarkdownRenderer.render(markdown);
    }

    /** {@code version}: the post's version once the import's writes are flushed. */
    public record Outcome(UUID postId, LongSupplier version, boolean created) {
    }

    /** What an import compares a file with: a post as it is now, read once for the whole upload. */
    public record Existing(UUID id, PostType type, String slug, String title, String markdown, String customExcerpt,
            UUID featureImageId, String featureImageUrl, String metaJson, List<String> authorSlugs,
            List<String> tagSlugs, List<String> categorySlugs, PostStatus status, boolean hasUnpublishedChanges,
            OffsetDateTime publishedAt, OffsetDateTime unpublishAt) {

        public String key() {
            return key(type, slug);
        }

        public static String key(PostType type, String slug) {
            return type + "/" + slug.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A post or page as the exporter needs it, drafts included. */
    public record Exported(UUID id, PostType type, String slug, String title, String markdown, String customExcerpt,
            UUID featureImageId, String featureImageUrl, List<String> authors, List<String> tags,
            List<String> categories, PostStatus status, OffsetDateTime publishedAt, OffsetDateTime unpublishAt,
            OffsetDateTime updatedAt, long version, String metaJson) {
    }
}
