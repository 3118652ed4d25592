package io.inkwell.post;

import io.inkwell.common.web.MaxChars;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.author.Author;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.common.slug.ValidName;
import io.inkwell.common.slug.ValidSlug;
import io.inkwell.common.web.MaxNesting;
import io.inkwell.common.web.MergePatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Request and response records of the post endpoints. Entities never leave the service. */
public final class PostDtos {

    public static final int MAX_MARKDOWN_CHARS = 500_000;
    /** The limits of a post's fields, which imports apply too (ImportService). */
    public static final int MAX_TITLE_CHARS = 500;
    public static final int MAX_EXCERPT_CHARS = 5000;
    public static final int MAX_AUTHORS = 20;
    public static final int MAX_TERMS = 100;

    private PostDtos() {
    }

    /**
     * A feature image: an uploaded image by {@code imageId} or by one of its media URLs, or an
     * external URL.
     */
    public record FeatureImage(UUID imageId,
            @Size(min = 1, max = 2000) @Pattern(regexp = URL_PATTERN, message = URL_RULE) String url,
            @MaxChars(io.inkwell.image.ImageDtos.MAX_ALT_CHARS) String alt) {

        /**
         * It ends up in frontends' {@code <img src>}: only web addresses, never javascript: or
         * data:, and a path stays on the site: browsers read "//host/x" (and "/\host/x") as
         * another host.
         */
        static final String URL_PATTERN = "(?i)\\s*(https?://[^/\\\\\\s]|/(?![/\\\\]))[^\\s]*\\s*";
        static final String URL_RULE = "Must be an http(s) URL or a path on this site starting with a single '/'.";

        /** Whether {@code url} may stand as a feature image's URL (an importer checks before it keeps one). */
        public static boolean isAcceptedUrl(String url) {
            return url.length() <= 2000 && url.matches(URL_PATTERN);
        }
    }

    public record CreatePostRequest(
            PostType type,
            @NotBlank @MaxChars(MAX_TITLE_CHARS) String title,
            @Size(max = 200) @ValidSlug String slug,
            @MaxChars(MAX_MARKDOWN_CHARS) String markdown,
            @MaxChars(MAX_EXCERPT_CHARS) String excerpt,
            @Valid FeatureImage featureImage,
            @Size(max = MAX_AUTHORS) List<@ValidName String> authors,
            @Size(max = MAX_TERMS) List<@ValidName String> tags,
            @Size(max = MAX_TERMS) List<@ValidName String> categories,
            PostStatus status,
            OffsetDateTime publishedAt,
            OffsetDateTime unpublishAt,
            @MaxNesting ObjectNode meta) {
    }

    /**
     * The editable fields, as a PATCH names them: what is sent replaces, what is omitted stays,
     * null clears where a field may be empty ({@link MergePatch}).
     */
    public record UpdatePostRequest(
            @NotNull(message = MergePatch.NOT_CLEARABLE) PostType type,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @MaxChars(MAX_TITLE_CHARS)
            @Pattern(regexp = "(?s).*\\S.*", message = "Must not be blank.") String title,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @Size(max = 200) @ValidSlug String slug,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @MaxChars(MAX_MARKDOWN_CHARS) String markdown,
            @MaxChars(MAX_EXCERPT_CHARS) String excerpt,
            @Valid FeatureImage featureImage,
            @Size(max = MAX_AUTHORS) List<@ValidName String> authors,
            @Size(max = MAX_TERMS) List<@ValidName String> tags,
            @Size(max = MAX_TERMS) List<@ValidName String> categories,
            OffsetDateTime publishedAt,
            OffsetDateTime unpublishAt,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @MaxNesting ObjectNode meta) {
    }

    public record PublishRequest(OffsetDateTime publishAt) {
    }

    public record UnpublishRequest(OffsetDateTime at) {
    }

    /**
     * The body of an action that takes none (restore, discard changes): nothing, or {@code {}}.
     * Read all the same, so that a field a client expected to matter is refused, not ignored.
     */
    public record NoOptions() {
    }

    public record Ref(UUID id, String slug, String name) {
        static Ref of(Term term) {
            return new Ref(term.id, term.slug, term.name);
        }

        static Ref of(Author author) {
            return new Ref(author.id, author.slug, author.name);
        }
    }

    /** The Admin API's post: the working copy and its publishing state. */
    public record PostView(UUID id, PostType type, String slug, String title, String markdown, String html,
            String excerpt, String customExcerpt, FeatureImageView featureImage, List<Ref> authors, List<Ref> tags,
            List<Ref> categories, PostStatus status, OffsetDateTime publishedAt, OffsetDateTime unpublishAt,
            boolean hasUnpublishedChanges, int wordCount, int readingTimeMinutes, @JsonRawValue String meta,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {
    }

    /** Who saved a revision: the token (gone tokens keep their name here) and its author, if any. */
    public record RevisionActor(UUID tokenId, String name, UUID authorId) {
    }

    /**
     * A revision in a list, without its content. {@code source}: api, import or system;
     * {@code saves}: how many saves it holds; {@code publishedAt}: when it last went live.
     */
    public record RevisionSummary(int number, String title, String source, RevisionActor savedBy,
            OffsetDateTime createdAt, OffsetDateTime savedAt, int saves, OffsetDateTime publishedAt) {
    }

    /** What a revision keeps of the working copy; restoring it makes this the working copy again. */
    public record RevisionContent(String title, String slug, String markdown, String excerpt, FeatureImage featureImage,
            List<String> authors, List<String> tags, List<String> categories, @JsonRawValue String meta) {
    }

    public record RevisionView(int number, String source, RevisionActor savedBy, OffsetDateTime createdAt,
            OffsetDateTime savedAt, int saves, OffsetDateTime publishedAt, RevisionContent content) {
    }

    /** One field that differs, with its value on each side (meta as JSON, lists as lists). */
    public record FieldChange(String field, Object from, Object to) {
    }

    /**
     * How revision {@code revision} differs from {@code against} ("current" or a revision
     * number): the fields other than the Markdown, and a unified diff of the Markdown (empty
     * when it is the same).
     */
    public record RevisionDiff(int revision, String against, List<FieldChange> fields, String markdown) {
    }

    /** The optional body of a preview request: how long the link works, in seconds. */
    public record PreviewRequest(
            @Min(value = PostPreviews.MIN_LIFETIME_SECONDS, message = LIFETIME_RULE)
            @Max(value = PostPreviews.MAX_LIFETIME_SECONDS, message = LIFETIME_RULE) Integer expiresInSeconds) {

        static final String LIFETIME_RULE = "Must be from " + PostPreviews.MIN_LIFETIME_SECONDS + " (a minute) to "
                + PostPreviews.MAX_LIFETIME_SECONDS + " (7 days).";
    }

    /**
     * A preview link: {@code url} is the Content API's answer to it, {@code frontendUrl} the
     * frontend's page for it when INKWELL_PREVIEW_FRONTEND_URL says where that is.
     */
    public record PreviewLink(String token, String url, @JsonInclude(JsonInclude.Include.NON_NULL) String frontendUrl,
            OffsetDateTime expiresAt, UUID postId) {
    }

    public record PublicRef(String slug, String name) {
    }

    /**
     * The Content API's post, serialized once when published; a preview shows the working copy
     * in this shape too ({@link LiveSnapshots#preview}).
     */
    public record PublicPost(UUID id, PostType type, String slug, String title, String html, String excerpt,
            FeatureImageView featureImage, List<PublicRef> authors, List<PublicRef> tags, List<PublicRef> categories,
            OffsetDateTime publishedAt, OffsetDateTime updatedAt, int wordCount, int readingTimeMinutes,
            @JsonRawValue String meta) {
    }

    /** What a feed shows of a live post; addresses are the feed's to make. */
    public record SyndicatedPost(UUID id, PostType type, String slug, String title, String html, String excerpt,
            FeatureImageView featureImage, List<PublicRef> authors, List<PublicRef> tags, List<PublicRef> categories,
            OffsetDateTime publishedAt, OffsetDateTime updatedAt) {
    }

    /** Where a live post or page is and when it last changed, for a sitemap. */
    public record LiveAddress(String type, String slug, OffsetDateTime publishedAt, OffsetDateTime updatedAt) {
    }

    /** A list entry of the Content API: the post without its body. */
    public record PublicPostSummary(UUID id, PostType type, String slug, String title, String excerpt,
            FeatureImageView featureImage, List<PublicRef> authors, List<PublicRef> tags, List<PublicRef> categories,
            OffsetDateTime publishedAt, OffsetDateTime updatedAt, int wordCount, int readingTimeMinutes) {

        static PublicPostSummary of(PublicPost post) {
            return new PublicPostSummary(post.id(), post.type(), post.slug(), post.title(), post.excerpt(),
                    post.featureImage(), post.authors(), post.tags(), post.categories(), post.publishedAt(),
                    post.updatedAt(), post.wordCount(), post.readingTimeMinutes());
        }
    }
}
