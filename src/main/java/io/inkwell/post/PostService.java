package io.inkwell.post;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.MergePatch;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.CreatePostRequest;
import io.inkwell.post.PostDtos.PostView;
import io.inkwell.post.PostDtos.PublishRequest;
import io.inkwell.post.PostDtos.UnpublishRequest;
import io.inkwell.post.PostDtos.UpdatePostRequest;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The Admin API's posts: each write is one transaction that locks the post, checks If-Match,
 * hands the change to {@link PostLifecycle}, and flushes once, so the version in the answer is
 * the one stored.
 */
@ApplicationScoped
public class PostService {

    /** Sort keys clients may use, and the HQL they stand for. */
    private static final Map<String, String> SORTS = Map.of(
            "updatedAt", "post.updatedAt asc", "-updatedAt", "post.updatedAt desc",
            "createdAt", "post.createdAt asc", "-createdAt", "post.createdAt desc",
            "publishedAt", "post.publishedAt asc nulls last", "-publishedAt", "post.publishedAt desc nulls last",
            "title", "lower(post.title) asc", "-title", "lower(post.title) desc");

    private final PostRepository posts;
    private final PostLifecycle lifecycle;
    private final ImageService images;
    private final Json json;

    public PostService(PostRepository posts, PostLifecycle lifecycle, ImageService images, Json json) {
        this.posts = posts;
        this.lifecycle = lifecycle;
        this.images = images;
        this.json = json;
    }

    public Page<PostView> list(PostRepository.Filter filter, String sort, PageRequest page) {
        String orderBy = SORTS.get(sort == null || sort.isBlank() ? "-updatedAt" : sort);
        if (orderBy == null) {
            throw new BadRequestException("sort", "Must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()) + ".");
        }
        PanacheQuery<Post> query = posts.filtered(filter, orderBy);
        List<Post> found = posts.page(query, page);
        images.preload(found.stream().map(post -> post.featureImageId).filter(Objects::nonNull).toList());
        return page.toPage(found.stream().map(this::view).toList(), query.count());
    }

    public PostView get(UUID id) {
        return view(posts.findByIdOptional(id).orElseThrow(() -> notFound(id)));
    }

    @Transactional
    public PostView create(CreatePostRequest request) {
        PostStatus status = request.status() == null ? PostStatus.DRAFT : request.status();
        Post post = lifecycle.create(PostMapping.content(request, json), status, null);
        posts.flush();
        return view(post);
    }

    @Transactional
    public PostView update(UUID id, VersionPrecondition ifMatch, MergePatch<UpdatePostRequest> patch) {
        Post post = lockForWrite(id, ifMatch);
        lifecycle.edit(post, PostMapping.content(patch.applyTo(PostMapping.request(post, json)), post, json), null);
        posts.flush();
        return view(post);
    }

    @Transactional
    public void delete(UUID id, VersionPrecondition ifMatch) {
        lifecycle.delete(lockForWrite(id, ifMatch));
    }

    /** Publishes now, or schedules when {@code publishAt} is in the future. */
    @Transactional
    public PostView publish(UUID id, VersionPrecondition ifMatch, PublishRequest request) {
        Post post = lockForWrite(id, ifMatch);
        lifecycle.publish(post, request == null ? null : request.publishAt());
        posts.flush();
        return view(post);
    }

    /** Takes the post off the Content API now, or at {@code at} when that is in the future. */
    @Transactional
    public PostView unpublish(UUID id, VersionPrecondition ifMatch, UnpublishRequest request) {
        Post post = lockForWrite(id, ifMatch);
        lifecycle.unpublish(post, request == null ? null : request.at());
        posts.flush();
        return view(post);
    }

    /** Throws away edits made since the last publish: the working copy becomes the live one again. */
    @Transactional
    public PostView discardChanges(UUID id, VersionPrecondition ifMatch) {
        Post post = lockForWrite(id, ifMatch);
        lifecycle.discardChanges(post);
        posts.flush();
        return view(post);
    }

    /** Makes revision {@code number} the working copy again; does not publish it. */
    @Transactional
    public PostView restoreRevision(UUID id, int number, VersionPrecondition ifMatch) {
        Post post = lockForWrite(id, ifMatch);
        lifecycle.restore(post, number);
        posts.flush();
        return view(post);
    }

    /** Scheduled publishing and unpublishing that is due, in one transaction. */
    @Transactional
    public int runDueTransitions() {
        return lifecycle.runDueTransitions();
    }

    private Post lockForWrite(UUID id, VersionPrecondition ifMatch) {
        Post post = posts.findForUpdate(id).orElseThrow(() -> notFound(id));
        ifMatch.check(post.version, "post");
        return post;
    }

    private PostView view(Post post) {
        return PostMapping.view(post, images.featureImage(post.featureImageId, post.featureImageUrl, post.featureImageAlt));
    }

    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No post with id " + id + ".");
    }
}
