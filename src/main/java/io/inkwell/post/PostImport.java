package io.inkwell.post;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** What the importer and exporter exchange with the post feature. */
public final class PostImport {

    private PostImport() {
    }

    /**
     * A post as an imported file describes it. {@code content.featureImage()} holds a media URL
     * or an external URL; {@code content.publishedAt()} null keeps the post's time (or now, when
     * publishing). {@code rendered}: the Markdown rendered ahead of time, or null. {@code known}
     * false says no post has this type and slug yet, which saves a lookup. {@code lastmod}: when
     * the file says its content last changed, or null; it becomes the post's {@code updatedAt}
     * (without it, the file's date does, as in Hugo).
     */
    public record Command(PostContent content, boolean draft, List<String> aliases, MarkdownRenderer.Rendered rendered,
            boolean known, OffsetDateTime lastmod) {
    }

    /**
     * Renders ahead of time, so an import can render on every core while its writes stay in
     * one transaction. Pass the result as {@link Command#rendered()} for the same Markdown.
     */
    public static MarkdownRenderer.Rendered render(String markdown) {
        return MarkdownRenderer.render(markdown);
    }

    /** {@code version}: the post's version once the import's writes are flushed. */
    public record Outcome(UUID postId, long version, boolean created) {
    }

    /**
     * What an import compares a file with: a post as it is now, read once for the whole upload,
     * with its authors, tags and categories by slug.
     */
    public record Existing(UUID id, PostContent content, List<String> authorSlugs, List<String> tagSlugs,
            List<String> categorySlugs, PostStatus status, boolean hasUnpublishedChanges, OffsetDateTime updatedAt) {

        public String key() {
            return key(content.type(), content.slug());
        }

        public static String key(PostType type, String slug) {
            return type + "/" + slug.toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A post or page as the exporter needs it, drafts included; authors, tags and categories by name. */
    public record Exported(UUID id, PostContent content, PostStatus status, OffsetDateTime updatedAt, long version) {
    }

    /** A post an import took offline. */
    public record Unpublished(UUID id, PostType type, String slug) {
    }
}
