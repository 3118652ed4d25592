package io.inkwell.post;

import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.common.Text;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.author.AuthorService;
import io.inkwell.common.Times;
import io.inkwell.common.db.DeferredWrites;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.slug.SlugAllocator;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.Patch;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.CreatePostRequest;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.post.PostDtos.PostView;
import io.inkwell.post.PostDtos.PublishRequest;
import io.inkwell.post.PostDtos.UnpublishRequest;
import io.inkwell.post.PostDtos.UpdatePostRequest;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.term.TermService;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.FlushModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rules of posts: slugs, rendering, taxonomies, and the draft/scheduled/published cycle. */
@ApplicationScoped
public class PostService {

    /** Sort keys clients may use, and the HQL they stand for. */
    private static final Map<String, String> SORTS = Map.of(
            "updatedAt", "post.updatedAt asc", "-updatedAt", "post.updatedAt desc",
            "createdAt", "post.createdAt asc", "-createdAt", "post.createdAt desc",
            "publishedAt", "post.publishedAt asc nulls last", "-publishedAt", "post.publishedAt desc nulls last",
            "title", "lower(post.title) asc", "-title", "lower(post.title) desc");

    private final PostRepository posts;
    private final LiveSnapshots live;
    private final AuthorService authors;
    private final TermService terms;
    private final Json json;
    private final ImageService images;
    private final DeferredWrites writes;
    private final Clock clock;

    public PostService(PostRepository posts, LiveSnapshots live, AuthorService authors, TermService terms, Json json,
            ImageService images, DeferredWrites writes, Clock clock) {
        this.images = images;
        this.writes = writes;
        this.clock = clock;
        this.posts = posts;
        this.live = live;
        this.authors = authors;
        this.terms = terms;
        this.json = json;
    }

    public Page<PostView> list(PostRepository.Filter filter, String sort, PageRequest page) {
        String orderBy = SORTS.get(sort == null || sort.isBlank() ? "-updatedAt" : sort);
        if (orderBy == null) {
            throw new BadRequestException("sort", "Must be one of " + String.join(", ", SORTS.keySet().stream().sorted().toList()) + ".");
        }
        PanacheQuery<Post> query = posts.filtered(filter, orderBy);
        List<Post> found = posts.page(query, page);
        images.preload(found.stream().map(post -> post.featureImageId).filter(java.util.Objects::nonNull).toList());
        return page.toPage(found.stream().map(this::view).toList(), query.count());
    }

    public PostView get(UUID id) {
        return view(posts.findByIdOptional(id).orElseThrow(() -> notFound(id)));
    }

    @Transactional
    public PostView create(CreatePostRequest request) {
        flushOnlyWhenAsked();
        OffsetDateTime now = Times.now(clock);
        Post post = new Post();
        post.id = UUID.randomUUID();
        post.type = request.type() == null ? PostType.POST : request.type();
        post.title = request.title().strip();
        post.slug = SlugAllocator.allocate(request.slug(), post.title, slug -> posts.slugTaken(post.type, slug, null));
        post.markdown = request.markdown() == null ? "" : request.markdown();
        post.customExcerpt = Text.blankToNull(request.excerpt());
        setFeatureImage(post, request.featureImage());
        post.meta = meta(request.meta());
        post.authors = new ArrayList<>(authors.resolve("authors", listOrEmpty(request.authors())));
        post.terms = resolveTerms(request.tags(), request.categories());
        render(post);
        post.createdAt = now;
        post.updatedAt = now;
        post.publishedAt = Times.utc(request.publishedAt());
        post.unpublishAt = Times.utc(request.unpublishAt());
        PostStatus status = request.status() == null ? PostStatus.DRAFT : request.status();
        post.status = PostStatus.DRAFT;
        checkUnpublishAt(post, status == PostStatus.SCHEDULED ? post.publishedAt : now);
        switch (status) {
            case PUBLISHED -> {
                if (post.publishedAt != null && post.publishedAt.isAfter(now)) {
                    throw new InvalidInputException("publishedAt",
                            "Is in the future: create the post with status 'scheduled' to publish it then.");
                }
                goLive(post, now);
            }
            case SCHEDULED -> schedule(post, post.publishedAt, now, "publishedAt");
            case DRAFT -> { }
        }
        persistIfNew(post);
        posts.flush();
        recordImageUsage(post, true);
        return view(post);
    }

    @Transactional
    public PostView update(UUID id, VersionPrecondition ifMatch, Patch<UpdatePostRequest> patch) {
        UpdatePostRequest changes = patch.values();
        Map<String, Object> required = new HashMap<>();
        required.put("type", changes.type());
        required.put("title", changes.title());
        required.put("slug", changes.slug());
        required.put("markdown", changes.markdown());
        required.put("meta", changes.meta());
        patch.requireNonNullWhenPresent(required);
        Post post = lockForWrite(id, ifMatch);
        if (patch.has("type")) {
            post.type = changes.type();
        }
        if (patch.has("title")) {
            if (changes.title().isBlank()) {
                throw new InvalidInputException("title", "Must not be blank.");
            }
            post.title = changes.title().strip();
        }
        String oldSlug = post.slug;
        if (patch.has("slug")) {
            post.slug = SlugAllocator.reallocate(post.slug, changes.slug(), slug -> posts.slugTaken(post.type, slug, id));
        }
        if (post.slug.equals(oldSlug) && patch.has("type") && posts.slugTaken(post.type, post.slug, id)) {
            throw new ConflictException("A " + post.type + " with the slug '" + post.slug + "' already exists.",
                    List.of(new FieldError("type", "The slug is taken among " + post.type + "s.")));
        }
        if (!post.slug.equals(oldSlug)) {
            posts.recordSlugAlias(post.type, oldSlug, post.id);
        }
        if (patch.has("markdown")) {
            post.markdown = changes.markdown();
        }
        if (patch.has("excerpt")) {
            post.customExcerpt = Text.blankToNull(changes.excerpt());
        }
        if (patch.has("featureImage")) {
            setFeatureImage(post, changes.featureImage());
        }
        if (patch.has("meta")) {
            post.meta = meta(changes.meta());
        }
        if (patch.has("authors")) {
            post.authors.clear();
            post.authors.addAll(authors.resolve("authors", listOrEmpty(changes.authors())));
        }
        if (patch.has("tags") || patch.has("categories")) {
            // The taxonomy not sent keeps its terms as they are (looked up again by name, a
            // renamed tag whose slug stayed would become a new tag).
            List<Term> resolved = new ArrayList<>(patch.has("tags")
                    ? terms.resolve(Taxonomy.TAG, "tags", listOrEmpty(changes.tags())) : post.terms(Taxonomy.TAG));
            resolved.addAll(patch.has("categories")
                    ? terms.resolve(Taxonomy.CATEGORY, "categories", listOrEmpty(changes.categories()))
                    : post.terms(Taxonomy.CATEGORY));
            post.terms.clear();
            post.terms.addAll(resolved);
        }
        if (patch.has("publishedAt")) {
            if (post.status == PostStatus.SCHEDULED) {
                throw new ConflictException("The post is scheduled: publish it again with a new 'publishAt' "
                        + "to move its time.", List.of(new FieldError("publishedAt", "Cannot change while scheduled.")));
            }
            post.publishedAt = Times.utc(changes.publishedAt());
            if (post.status == PostStatus.PUBLISHED && post.publishedAt == null) {
                throw new InvalidInputException("publishedAt", "A published post needs a publication time.");
            }
        }
        if (patch.has("unpublishAt")) {
            // Moves or cancels (null) a scheduled unpublish without touching what is live.
            post.unpublishAt = Times.utc(changes.unpublishAt());
            checkUnpublishAt(post, post.status == PostStatus.SCHEDULED ? post.publishedAt : Times.now(clock));
        }
        render(post);
        post.updatedAt = Times.now(clock);
        refreshUnpublishedChanges(post);
        posts.flush();
        recordImageUsage(post);
        return view(post);
    }

    @Transactional
    public void delete(UUID id, VersionPrecondition ifMatch) {
        Post post = lockForWrite(id, ifMatch);
        live.remove(post.id);
        posts.delete(post);
    }

    /** Publishes now, or schedules when {@code publishAt} is in the future. */
    @Transactional
    public PostView publish(UUID id, VersionPrecondition ifMatch, PublishRequest request) {
        Post post = lockForWrite(id, ifMatch);
        OffsetDateTime now = Times.now(clock);
        OffsetDateTime publishAt = request == null ? null : Times.utc(request.publishAt());
        if (publishAt != null && publishAt.isAfter(now)) {
            if (post.status == PostStatus.PUBLISHED) {
                throw new ConflictException("The post is already live. Unpublish it first to schedule it.");
            }
            schedule(post, publishAt, now, "publishAt");
        } else {
            if (post.status == PostStatus.SCHEDULED || (post.publishedAt != null && post.publishedAt.isAfter(now))) {
                post.publishedAt = null;
            }
            goLive(post, now);
        }
        posts.flush();
        return view(post);
    }

    /** Takes the post off the Content API now, or at {@code at} when that is in the future. */
    @Transactional
    public PostView unpublish(UUID id, VersionPrecondition ifMatch, UnpublishRequest request) {
        Post post = lockForWrite(id, ifMatch);
        OffsetDateTime now = Times.now(clock);
        OffsetDateTime at = request == null ? null : Times.utc(request.at());
        if (at != null && at.isAfter(now)) {
            if (post.status == PostStatus.DRAFT) {
                throw new ConflictException("The post is a draft; there is nothing to unpublish.");
            }
            post.unpublishAt = at;
            checkUnpublishAt(post, post.status == PostStatus.SCHEDULED ? post.publishedAt : now);
        } else {
            takeOffline(post);
        }
        post.updatedAt = now;
        posts.flush();
        return view(post);
    }

    /** Throws away edits made since the last publish: the working copy becomes the live one again. */
    @Transactional
    public PostView discardChanges(UUID id, VersionPrecondition ifMatch) {
        Post post = lockForWrite(id, ifMatch);
        PostState state = live.state(post.id).orElseThrow(() -> new ConflictException(
                "The post has no published version to go back to."));
        post.type = state.type();
        post.slug = state.slug();
        post.title = state.title();
        post.markdown = state.markdown();
        post.customExcerpt = state.customExcerpt();
        post.featureImageId = state.featureImageId();
        post.featureImageUrl = state.featureImageUrl();
        post.featureImageAlt = state.featureImageAlt();
        post.meta = state.meta();
        post.publishedAt = state.publishedAt();
        post.authors.clear();
        post.authors.addAll(authors.findByIds(state.authorIds()));
        post.terms.clear();
        post.terms.addAll(terms.findByIds(state.termIds()));
        // HTML, excerpt and word counts are not restored: they follow from the Markdown.
        render(post);
        post.hasUnpublishedChanges = false;
        post.updatedAt = Times.now(clock);
        posts.flush();
        recordImageUsage(post);
        return view(post);
    }

    /**
     * Carries out scheduled publishing and unpublishing that is due. Rows are locked with SKIP
     * LOCKED, so with several instances each due post is handled exactly once.
     */
    @Transactional
    public int runDueTransitions() {
        OffsetDateTime now = Times.now(clock);
        int done = 0;
        for (UUID id : posts.lockDueToPublish(now, 100)) {
            Post post = posts.findById(id);
            if (post.unpublishAt != null && !post.unpublishAt.isAfter(now)) {
                // Its whole window passed (downtime, or a window shorter than the poll): it
                // must not go live and then stay live for good.
                takeOffline(post);
            } else {
                goLive(post, now);
            }
            done++;
        }
        for (UUID id : posts.lockDueToUnpublish(now, 100)) {
            takeOffline(posts.findById(id));
            done++;
        }
        return done;
    }

    /** Keeps working copies and snapshots in step when an author, term or image changes or goes. */
    @Transactional(Transactional.TxType.MANDATORY)
    void onReferencedNamesChanged(@Observes ReferencedNamesChanged change) {
        if (change.deleted()) {
            for (Post post : posts.referencing(change.kind(), change.id())) {
                post.authors.removeIf(author -> author.id.equals(change.id()));
                post.terms.removeIf(term -> term.id.equals(change.id()));
                if (change.id().equals(post.featureImageId)) {
                    post.featureImageId = null;
                }
            }
            posts.flush();
        }
        live.refreshReferencing(change.kind(), change.id(), change.deleted());
    }

    static List<String> names(Post post, Taxonomy taxonomy, boolean slugs) {
        return post.terms(taxonomy).stream().map(term -> slugs ? term.slug : term.name).toList();
    }

    void goLive(Post post, OffsetDateTime now) {
        boolean wasLive = post.status == PostStatus.PUBLISHED;
        post.status = PostStatus.PUBLISHED;
        if (post.publishedAt == null) {
            post.publishedAt = now;
        }
        if (post.unpublishAt != null && !post.unpublishAt.isAfter(now)) {
            post.unpublishAt = null;
        }
        post.hasUnpublishedChanges = false;
        persistIfNew(post);
        writes.flushEntities();
        live.publish(post, wasLive);
    }

    /**
     * A new post is persisted once its state is final: Hibernate inserts the state it had at
     * persist time, so changes after it would write the whole row (Markdown and HTML) twice.
     */
    void persistIfNew(Post post) {
        if (!posts.isPersistent(post)) {
            posts.persist(post);
        }
    }

    void schedule(Post post, OffsetDateTime publishAt, OffsetDateTime now, String field) {
        if (publishAt == null || !publishAt.isAfter(now)) {
            throw new InvalidInputException(field, "A scheduled post needs a time in the future.");
        }
        post.status = PostStatus.SCHEDULED;
        post.publishedAt = publishAt;
        checkUnpublishAt(post, publishAt);
    }

    void takeOffline(Post post) {
        live.remove(post.id);
        post.status = PostStatus.DRAFT;
        post.unpublishAt = null;
        post.hasUnpublishedChanges = false;
    }

    private void refreshUnpublishedChanges(Post post) {
        if (post.status == PostStatus.PUBLISHED) {
            post.hasUnpublishedChanges = live.state(post.id).map(state -> !state.equals(PostState.of(post)))
                    .orElse(true);
        }
    }

    private Post lockForWrite(UUID id, VersionPrecondition ifMatch) {
        flushOnlyWhenAsked();
        Post post = posts.findForUpdate(id).orElseThrow(() -> notFound(id));
        ifMatch.check(post.version, "post");
        return post;
    }

    /**
     * Lookups during a write (slugs, tags, live state) are native queries, which would flush the
     * half-edited post and bump its version more than once per request.
     */
    void flushOnlyWhenAsked() {
        posts.getEntityManager().setFlushMode(FlushModeType.COMMIT);
    }

    private void checkUnpublishAt(Post post, OffsetDateTime liveFrom) {
        if (post.unpublishAt != null && liveFrom != null && !post.unpublishAt.isAfter(liveFrom)) {
            throw new InvalidInputException("unpublishAt", "Must be after the time the post goes live.");
        }
    }

    List<Term> resolveTerms(List<String> tagNames, List<String> categoryNames) {
        List<Term> resolved = new ArrayList<>(terms.resolve(Taxonomy.TAG, "tags", listOrEmpty(tagNames)));
        resolved.addAll(terms.resolve(Taxonomy.CATEGORY, "categories", listOrEmpty(categoryNames)));
        return resolved;
    }


    static void render(Post post) {
        setRendered(post, MarkdownRenderer.render(post.markdown));
    }

    static void setRendered(Post post, MarkdownRenderer.Rendered rendered) {
        post.html = rendered.html();
        post.excerpt = post.customExcerpt != null ? post.customExcerpt : rendered.derivedExcerpt();
        post.wordCount = rendered.wordCount();
        post.readingTimeMinutes = rendered.readingTimeMinutes();
    }

    /** An uploaded image is referenced by id (also when given by its media URL); others stay URLs. */
    void setFeatureImage(Post post, FeatureImage image) {
        post.featureImageId = null;
        post.featureImageUrl = null;
        post.featureImageAlt = image == null ? null : Text.blankToNull(image.alt());
        if (image == null) {
            return;
        }
        if (image.imageId() != null) {
            if (!images.exists(image.imageId())) {
                throw new InvalidInputException("featureImage.imageId", "No image with this id.");
            }
            post.featureImageId = image.imageId();
        } else if (image.url() != null) {
            post.featureImageUrl = image.url().strip();
            // Checked again here for imports, whose front matter skips request validation.
            if (!post.featureImageUrl.matches(FeatureImage.URL_PATTERN)) {
                throw new InvalidInputException("featureImage.url", FeatureImage.URL_RULE);
            }
            post.featureImageId = images.resolveReference(post.featureImageUrl).orElse(null);
            if (post.featureImageId != null) {
                post.featureImageUrl = null;
            } else if (post.featureImageUrl.contains("/media/")) {
                throw new InvalidInputException("featureImage.url", "No uploaded image at this media URL.");
            }
        } else {
            throw new InvalidInputException("featureImage", "Give an imageId or a url.");
        }
    }

    /** Which uploaded images the working copy uses, so image deletion can protect them. */
    private void recordImageUsage(Post post) {
        recordImageUsage(post, false);
    }

    void recordImageUsage(Post post, boolean newPost) {
        java.util.Set<UUID> used = new java.util.LinkedHashSet<>(images.referencedBy(post.markdown));
        if (post.featureImageId != null) {
            used.add(post.featureImageId);
        }
        if (!newPost || !used.isEmpty()) {
            images.recordUsage(post.id, used);
        }
    }

    PostView view(Post post) {
        return PostView.from(post, images.featureImage(post.featureImageId, post.featureImageUrl, post.featureImageAlt));
    }

    private String meta(ObjectNode meta) {
        return meta == null ? "{}" : json.write(meta);
    }

    private static <T> List<T> listOrEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
    private static ResourceNotFoundException notFound(UUID id) {
        return new ResourceNotFoundException("No post with id " + id + ".");
    }
}
