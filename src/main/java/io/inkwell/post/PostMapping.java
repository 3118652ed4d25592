package io.inkwell.post;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.Times;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.MergePatch;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.post.PostDtos.CreatePostRequest;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.post.PostDtos.PostView;
import io.inkwell.post.PostDtos.Ref;
import io.inkwell.post.PostDtos.UpdatePostRequest;
import io.inkwell.term.Taxonomy;
import java.util.List;

/**
 * Where a post's fields are copied between the entity and the records that carry them: the
 * editable fields ({@link PostContent}), the Admin API's view, and what import and export
 * exchange. A new field is added here once.
 */
final class PostMapping {

    private PostMapping() {
    }

    /** The working copy's editable fields; authors, tags and categories by name. */
    static PostContent content(Post post) {
        return new PostContent(post.type, post.slug, post.title, post.markdown, post.customExcerpt,
                featureImage(post), post.authors.stream().map(author -> author.name).toList(),
                names(post, Taxonomy.TAG), names(post, Taxonomy.CATEGORY), Times.utc(post.publishedAt),
                Times.utc(post.unpublishAt), post.meta);
    }

    static PostContent content(CreatePostRequest request, Json json) {
        return new PostContent(request.type(), request.slug(), request.title(), request.markdown(), request.excerpt(),
                request.featureImage(), request.authors(), request.tags(), request.categories(), request.publishedAt(),
                request.unpublishAt(), meta(request.meta(), json));
    }

    /** The working copy's editable fields as a PATCH body names them, for a PATCH to be laid over. */
    static UpdatePostRequest request(Post post, Json json) {
        PostContent content = content(post);
        return new UpdatePostRequest(content.type(), content.title(), content.slug(), content.markdown(),
                content.excerpt(), content.featureImage(), content.authors(), content.tags(), content.categories(),
                content.publishedAt(), content.unpublishAt(), json.read(post.meta, ObjectNode.class));
    }

    /** The content after a PATCH; {@code meta} keeps its exact text unless the PATCH replaced it. */
    static PostContent content(MergePatch.Merged<UpdatePostRequest> edit, Post post, Json json) {
        UpdatePostRequest values = edit.values();
        return new PostContent(values.type(), values.slug(), values.title(), values.markdown(), values.excerpt(),
                values.featureImage(), values.authors(), values.tags(), values.categories(), values.publishedAt(),
                values.unpublishAt(), edit.changed(UpdatePostRequest::meta) ? meta(values.meta(), json) : post.meta);
    }

    static String meta(ObjectNode meta, Json json) {
        return meta == null ? "{}" : json.write(meta);
    }

    static PostView view(Post post, FeatureImageView featureImage) {
        return new PostView(post.id, post.type, post.slug, post.title, post.markdown, post.html, post.excerpt,
                post.customExcerpt, featureImage,
                post.authors.stream().map(Ref::of).toList(),
                post.terms(Taxonomy.TAG).stream().map(Ref::of).toList(),
                post.terms(Taxonomy.CATEGORY).stream().map(Ref::of).toList(),
                post.status, post.publishedAt, post.unpublishAt, post.hasUnpublishedChanges, post.wordCount,
                post.readingTimeMinutes, post.meta, post.createdAt, post.updatedAt, post.version);
    }

    /** What an import compares a file with; authors, tags and categories by slug. */
    static PostImport.Existing existing(Post post) {
        return new PostImport.Existing(post.id, content(post), post.authors.stream().map(author -> author.slug).toList(),
                slugs(post, Taxonomy.TAG), slugs(post, Taxonomy.CATEGORY), post.status, post.hasUnpublishedChanges,
                Times.utc(post.updatedAt));
    }

    static PostImport.Exported exported(Post post) {
        return new PostImport.Exported(post.id, content(post), post.status, post.updatedAt, post.version);
    }

    private static FeatureImage featureImage(Post post) {
        return post.featureImageId == null && post.featureImageUrl == null ? null
                : new FeatureImage(post.featureImageId, post.featureImageUrl, post.featureImageAlt);
    }

    private static List<String> names(Post post, Taxonomy taxonomy) {
        return post.terms(taxonomy).stream().map(term -> term.name).toList();
    }

    private static List<String> slugs(Post post, Taxonomy taxonomy) {
        return post.terms(taxonomy).stream().map(term -> term.slug).toList();
    }
}
