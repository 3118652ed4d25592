package io.inkwell.post;

import io.inkwell.common.Times;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything a reader sees of a post, as one value: taken from the working copy at publish
 * time and stored with the live snapshot. Equal states mean no unpublished changes. The HTML
 * is left out: it follows from the Markdown, and the snapshot's public JSON holds it already.
 */
record PostState(PostType type, String slug, String title, String markdown, String customExcerpt,
        String excerpt, UUID featureImageId, String featureImageUrl, String featureImageAlt, String meta, OffsetDateTime publishedAt,
        int wordCount, int readingTimeMinutes, List<UUID> authorIds, List<UUID> termIds) {

    static PostState of(Post post) {
        return new PostState(post.type, post.slug, post.title, post.markdown, post.customExcerpt,
                post.excerpt, post.featureImageId, post.featureImageUrl, post.featureImageAlt, post.meta,
                Times.utc(post.publishedAt),
                post.wordCount, post.readingTimeMinutes,
                post.authors.stream().map(author -> author.id).toList(),
                post.terms.stream().map(term -> term.id).toList());
    }

    PostState without(UUID removedReference) {
        return new PostState(type, slug, title, markdown, customExcerpt, excerpt,
                removedReference.equals(featureImageId) ? null : featureImageId, featureImageUrl,
                featureImageAlt, meta, publishedAt, wordCount, readingTimeMinutes,
                authorIds.stream().filter(id -> !id.equals(removedReference)).toList(),
                termIds.stream().filter(id -> !id.equals(removedReference)).toList());
    }
}
