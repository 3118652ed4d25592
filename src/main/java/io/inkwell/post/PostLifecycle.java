package io.inkwell.post;

import io.inkwell.auth.CurrentActor;
import io.inkwell.author.AuthorService;
import io.inkwell.change.ContentChanges;
import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.slug.NamedReferences;
import io.inkwell.common.slug.SlugAllocator;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Every change to a post, each coded once: create, edit, publish now or at a time, unpublish
 * now or at a time, discard changes, delete, and the scheduled transitions. The Admin API
 * ({@link PostService}), the importer ({@link PostImportService}) and the scheduler all come
 * here. Methods run in the caller's transaction, on a post the caller has locked; the caller
 * flushes when it needs the new version. Each public transition checks that the caller may make
 * it ({@link PostPermissions}); the scheduled ones were allowed when they were scheduled.
 *
 * <p>Status rules: a draft has no snapshot; a scheduled post has a future {@code publishedAt}
 * and no snapshot; a published post has a snapshot ({@link LiveSnapshots}), and
 * {@code hasUnpublishedChanges} says whether its working copy differs from it.
 */
@ApplicationScoped
public class PostLifecycle {

    private final PostRepository posts;
    private final LiveSnapshots live;
    private final AuthorService authors;
    private final TermService terms;
    private final ImageService images;
    private final PostPermissions permissions;
    private final PostEvents events;
    private final PostRevisions revisions;
    private final CurrentActor actor;
    private final ImportTransaction importing;
    private final Clock clock;

    PostLifecycle(PostRepository posts, LiveSnapshots live, AuthorService authors, TermService terms,
            ImageService images, PostPermissions permissions, PostEvents events, PostRevisions revisions,
            CurrentActor actor, ImportTransaction importing, Clock clock) {
        this.importing = importing;
        this.posts = posts;
        this.events = events;
        this.revisions = revisions;
        this.permissions = permissions;
        this.actor = actor;
        this.live = live;
        this.authors = authors;
        this.terms = terms;
        this.images = images;
        this.clock = clock;
    }

    /**
     * A new post with this content, stored as a draft, published now, or scheduled for its
     * {@code publishedAt}. {@code rendered}: the Markdown rendered ahead of time, or null.
     */
    public Post create(PostContent content, PostStatus status, MarkdownRenderer.Rendered rendered) {
        return create(content, status, rendered, false);
    }

    /**
     * As {@link #create(PostContent, PostStatus, MarkdownRenderer.Rendered)}; {@code slugChecked}:
     * the caller made sure the explicit slug is free (an import checks a thousand at once).
     */
    public Post create(PostContent content, PostStatus status, MarkdownRenderer.Rendered rendered, boolean slugChecked) {
        OffsetDateTime now = Times.now(clock);
        Post post = new Post();
        post.id = UUID.randomUUID();
        post.status = PostStatus.DRAFT;
        post.createdAt = now;
        post.type = content.type() == null ? PostType.POST : content.type();
        post.title = title(content.title());
        post.slug = SlugAllocator.allocate(content.slug(), post.title,
                slug -> !(slugChecked && content.slug() != null) && slugTaken(post.type, slug, post.id));
        post.markdown = content.markdown() == null ? "" : content.markdown();
        post.customExcerpt = Text.blankToNull(content.excerpt());
        setFeatureImage(post, content.featureImage());
        post.meta = content.meta() == null ? "{}" : content.meta();
        post.authors = new ArrayList<>(content.authors().isEmpty() && actor.get().authorId() != null
                // A token that belongs to a person writes as that person unless it names others.
                ? authors.findByIds(List.of(actor.get().authorId()))
                : authors.resolve("authors", content.authors()));
        permissions.checkCreate(post, status);
        post.terms = resolveTerms(content.tags(), content.categories());
        render(post, rendered);
        post.publishedAt = Times.utc(content.publishedAt());
        post.unpublishAt = Times.utc(content.unpublishAt());
        if (post.unpublishAt != null) {
            // A scheduled unpublish is unpublishing: only who may publish sets it.
            permissions.checkPublish(post);
        }
        post.updatedAt = importing.contentTime(now);
        if (status == PostStatus.PUBLISHED && post.publishedAt != null && post.publishedAt.isAfter(now)) {
            throw new InvalidInputException("publishedAt",
                    "Is in the future: create the post with status 'scheduled' to publish it then.");
        }
        if (status != PostStatus.SCHEDULED) {
            checkUnpublishAt(post, now);
        }
        // Before moveTo: publishing marks the revision that goes live.
        revisions.record(post, true);
        moveTo(post, status);
        // Persisted once its state is final: Hibernate inserts the state it had at persist time,
        // so later changes would write the whole row (Markdown and HTML) a second time.
        posts.persist(post);
        recordImageUsage(post, true);
        return post;
    }

    /**
     * Makes the working copy say {@code content}: fields equal to the current ones are left as
     * they are (a tag list sent again unchanged keeps its tags even if one was renamed since),
     * and content that would be stored as the current one is changes nothing at all.
     */
    public void edit(Post post, PostContent edit, MarkdownRenderer.Rendered rendered) {
        permissions.checkChange(post);
        PostContent content = edit.stored();
        PostContent current = PostMapping.content(post).stored();
        if (!importing.importing() && changesNothing(content, current)) {
            // Nothing to do: updatedAt, the version (ETag) and revisions stay as they are. (An
            // import applies only files that changed, and a moved lastmod alone is a change.)
            return;
        }
        if (!Objects.equals(content.title(), current.title())) {
            post.title = title(content.title());
        }
        String oldSlug = post.slug;
        boolean typeChanged = content.type() != null && content.type() != post.type;
        if (typeChanged) {
            post.type = content.type();
        }
        if (content.slug() != null && !content.slug().equals(post.slug)) {
            post.slug = SlugAllocator.reallocate(post.slug, content.slug(), slug -> slugTaken(post.type, slug, post.id));
        } else if (typeChanged && slugTaken(post.type, post.slug, post.id)) {
            throw new ConflictException("A " + post.type + " with the slug '" + post.slug + "' already exists.",
                    List.of(new FieldError("type", "The slug is taken among " + post.type + "s.")));
        }
        if (!post.slug.equals(oldSlug)) {
            posts.recordSlugAlias(post.type, oldSlug, post.id);
        }
        post.markdown = content.markdown();
        post.customExcerpt = content.excerpt();
        if (!Objects.equals(content.featureImage(), current.featureImage())) {
            setFeatureImage(post, content.featureImage());
        }
        post.meta = content.meta();
        if (!content.authors().equals(current.authors())) {
            post.authors.clear();
            post.authors.addAll(authors.resolve("authors", content.authors()));
            permissions.checkStillListed(post);
        }
        boolean tagsChanged = !content.tags().equals(current.tags());
        boolean categoriesChanged = !content.categories().equals(current.categories());
        if (tagsChanged || categoriesChanged) {
            List<Term> resolved = new ArrayList<>(tagsChanged
                    ? terms.resolve(Taxonomy.TAG, "tags", content.tags()) : post.terms(Taxonomy.TAG));
            resolved.addAll(categoriesChanged
                    ? terms.resolve(Taxonomy.CATEGORY, "categories", content.categories()) : post.terms(Taxonomy.CATEGORY));
            post.terms.clear();
            post.terms.addAll(resolved);
        }
        OffsetDateTime publishedAt = content.publishedAt();
        if (!Objects.equals(publishedAt, current.publishedAt())) {
            if (post.status == PostStatus.SCHEDULED) {
                throw new ConflictException("The post is scheduled: publish it again with a new 'publishAt' "
                        + "to move its time.", List.of(new FieldError("publishedAt", "Cannot change while scheduled.")));
            }
            if (post.status == PostStatus.PUBLISHED && publishedAt == null) {
                throw new InvalidInputException("publishedAt", "A published post needs a publication time.");
            }
            post.publishedAt = publishedAt;
        }
        OffsetDateTime unpublishAt = content.unpublishAt();
        if (!Objects.equals(unpublishAt, current.unpublishAt())) {
            // Moves or cancels (null) a scheduled unpublish without touching what is live.
            permissions.checkPublish(post);
            post.unpublishAt = unpublishAt;
            checkUnpublishAt(post, post.status == PostStatus.SCHEDULED ? post.publishedAt : Times.now(clock));
        }
        render(post, rendered);
        post.updatedAt = importing.contentTime(Times.now(clock));
        refreshUnpublishedChanges(post);
        recordImageUsage(post, false);
        revisions.record(post, false);
    }

    /**
     * Makes revision {@code number} of the post its working copy again, as an edit (which keeps
     * it as the newest revision); where and when the post is published stays as it is.
     */
    public void restore(Post post, int number) {
        PostContent saved = revisions.content(post.id, number);
        revisions.startNewRevision(post.id);
        edit(post, new PostContent(post.type, saved.slug(), saved.title(), saved.markdown(), saved.excerpt(),
                saved.featureImage(), saved.authors(), saved.tags(), saved.categories(), Times.utc(post.publishedAt),
                Times.utc(post.unpublishAt), saved.meta()), null);
    }

    /** Publishes now, or schedules when {@code at} is in the future. */
    public void publish(Post post, OffsetDateTime at) {
        permissions.checkPublish(post);
        OffsetDateTime now = Times.now(clock);
        OffsetDateTime publishAt = Times.utc(at);
        if (publishAt != null && publishAt.isAfter(now)) {
            if (post.status == PostStatus.PUBLISHED) {
                throw new ConflictException("The post is already live. Unpublish it first to schedule it.");
            }
            schedule(post, publishAt, "publishAt");
        } else {
            if (post.status == PostStatus.SCHEDULED || (post.publishedAt != null && post.publishedAt.isAfter(now))) {
                post.publishedAt = null;
            }
            goLive(post, now);
        }
    }

    /** Takes the post off the Content API now, or at {@code at} when that is in the future. */
    public void unpublish(Post post, OffsetDateTime at) {
        permissions.checkPublish(post);
        OffsetDateTime now = Times.now(clock);
        OffsetDateTime when = Times.utc(at);
        if (when != null && when.isAfter(now)) {
            if (post.status == PostStatus.DRAFT) {
                throw new ConflictException("The post is a draft; there is nothing to unpublish.");
            }
            post.unpublishAt = when;
            // The request names this time "at".
            checkUnpublishAt(post, post.status == PostStatus.SCHEDULED ? post.publishedAt : now, "at");
        } else {
            takeOffline(post);
        }
        post.updatedAt = now;
    }

    /**
     * Puts the post in {@code status} as a file or a create request asks: a draft (taken
     * offline), scheduled for its {@code publishedAt}, or published (its time kept, or now).
     */
    public void moveTo(Post post, PostStatus status) {
        if (status != post.status) {
            permissions.checkPublish(post);
        }
        switch (status) {
            case DRAFT -> {
                if (post.status != PostStatus.DRAFT) {
                    takeOffline(post);
                }
            }
            case SCHEDULED -> {
                if (post.status == PostStatus.PUBLISHED) {
                    takeOffline(post);
                }
                schedule(post, post.publishedAt, "publishedAt");
            }
            case PUBLISHED -> goLive(post, Times.now(clock));
        }
    }

    /** Throws away edits made since the last publish: the working copy becomes the live one again. */
    public void discardChanges(Post post) {
        permissions.checkChange(post);
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
        render(post, null);
        post.hasUnpublishedChanges = false;
        post.updatedAt = Times.now(clock);
        recordImageUsage(post, false);
        revisions.record(post, false);
    }

    public void delete(Post post) {
        permissions.checkChange(post);
        events.deleted(post, post.status == PostStatus.PUBLISHED);
        live.remove(post.id, ContentChanges.Reason.DELETED);
        posts.delete(post);
    }

    /**
     * Carries out scheduled publishing and unpublishing that is due. Rows are locked with SKIP
     * LOCKED, so with several instances each due post is handled exactly once.
     */
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

    /** Whether another post of the type uses the slug, as its working copy or live. */
    public boolean slugTaken(PostType type, String slug, UUID exceptPostId) {
        return posts.slugTaken(type, slug, exceptPostId);
    }

    /** Keeps working copies and snapshots in step when an author, term or image changes or goes. */
    void onReferencedNamesChanged(@Observes ReferencedNamesChanged change) {
        if (change.deleted()) {
            for (Post post : posts.referencing(change.kind(), change.id())) {
                post.authors.removeIf(author -> author.id.equals(change.id()));
                post.terms.removeIf(term -> term.id.equals(change.id()));
                if (change.id().equals(post.featureImageId)) {
                    post.featureImageId = null;
                }
            }
        }
        List<PostDtos.PublicPost> refreshed = live.refreshReferencing(change.kind(), change.id(), change.deleted());
        if (change.kind() == ReferencedNamesChanged.Kind.IMAGE) {
            // A tag's or author's key is on every post that shows it, so its own webhook names them
            // all; no key names a post's feature image, so each post is a post.updated of its own.
            refreshed.forEach(events::liveVersionRefreshed);
        }
    }

    private void goLive(Post post, OffsetDateTime now) {
        boolean wasLive = post.status == PostStatus.PUBLISHED;
        post.status = PostStatus.PUBLISHED;
        if (post.publishedAt == null) {
            post.publishedAt = now;
        }
        if (post.unpublishAt != null && !post.unpublishAt.isAfter(now)) {
            post.unpublishAt = null;
        }
        post.hasUnpublishedChanges = false;
        live.publish(post, wasLive, importing.contentTime(now));
        revisions.markLive(post);
        events.published(post, wasLive);
    }

    private void schedule(Post post, OffsetDateTime publishAt, String field) {
        if (publishAt == null || !publishAt.isAfter(Times.now(clock))) {
            throw new InvalidInputException(field, "A scheduled post needs a time in the future.");
        }
        post.status = PostStatus.SCHEDULED;
        post.publishedAt = publishAt;
        checkUnpublishAt(post, publishAt);
        events.scheduled(post);
    }

    private void takeOffline(Post post) {
        if (post.status == PostStatus.PUBLISHED) {
            events.unpublished(post);
        }
        live.remove(post.id, ContentChanges.Reason.UNPUBLISHED);
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

    private static void checkUnpublishAt(Post post, OffsetDateTime liveFrom) {
        checkUnpublishAt(post, liveFrom, "unpublishAt");
    }

    private static void checkUnpublishAt(Post post, OffsetDateTime liveFrom, String field) {
        if (post.unpublishAt != null && liveFrom != null && !post.unpublishAt.isAfter(liveFrom)) {
            throw new InvalidInputException(field, "Must be after the time the post goes live.");
        }
    }

    /**
     * Whether an edit would leave the working copy as it is: both in their stored form
     * ({@link PostContent#stored}), names compared by key, since "PYTHON" on a post is the tag "python".
     */
    private static boolean changesNothing(PostContent storedEdit, PostContent storedCurrent) {
        return byNameKeys(storedEdit).equals(byNameKeys(storedCurrent));
    }

    private static PostContent byNameKeys(PostContent content) {
        return new PostContent(content.type(), content.slug(), content.title(), content.markdown(), content.excerpt(),
                content.featureImage(), keys(content.authors()), keys(content.tags()), keys(content.categories()),
                content.publishedAt(), content.unpublishAt(), content.meta());
    }

    private static List<String> keys(List<String> names) {
        return names.stream().map(name -> name == null ? null : NamedReferences.key(name)).toList();
    }

    private static String title(String title) {
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "Must not be blank.");
        }
        return title.strip();
    }

    private List<Term> resolveTerms(List<String> tagNames, List<String> categoryNames) {
        List<Term> resolved = new ArrayList<>(terms.resolve(Taxonomy.TAG, "tags", tagNames));
        resolved.addAll(terms.resolve(Taxonomy.CATEGORY, "categories", categoryNames));
        return resolved;
    }

    private static void render(Post post, MarkdownRenderer.Rendered ahead) {
        MarkdownRenderer.Rendered rendered = ahead != null ? ahead : MarkdownRenderer.render(post.markdown);
        post.html = rendered.html();
        post.excerpt = post.customExcerpt != null ? post.customExcerpt : rendered.derivedExcerpt();
        post.wordCount = rendered.wordCount();
        post.readingTimeMinutes = rendered.readingTimeMinutes();
    }

    /** An uploaded image is referenced by id (also when given by its media URL); others stay URLs. */
    private void setFeatureImage(Post post, FeatureImage image) {
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
    private void recordImageUsage(Post post, boolean newPost) {
        images.recordUsage(post.id, images.usedBy(post.markdown, post.featureImageId), newPost);
    }
}
