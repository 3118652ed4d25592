package io.inkwell.post;

import io.inkwell.author.Author;
import io.inkwell.author.AuthorService;
import io.inkwell.change.ContentChanges;
import io.inkwell.change.ContentChanges.Reason;
import io.inkwell.change.ContentChanges.Resource;
import io.inkwell.common.InOrder;
import io.inkwell.common.Times;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.Json;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.post.PostDtos.PublicPost;
import io.inkwell.post.PostDtos.PublicPostSummary;
import io.inkwell.post.PostDtos.PublicRef;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The published side of posts. Publishing copies the working copy into a {@link LivePost} with
 * its public JSON already serialized, so the Content API only reads and sends bytes. A preview
 * renders the working copy through the same mapping, so it looks exactly as it will once live.
 * Every change to a snapshot is reported to the change feed ({@link ContentChanges}) here, the one
 * place where what readers see changes, with the slug readers saw (not the working copy's).
 */
@ApplicationScoped
class LiveSnapshots {

    private final EntityManager entityManager;
    private final Json json;
    private final ContentGeneration generation;
    private final AuthorService authorService;
    private final TermService termService;
    private final ImageService images;
    private final PostSearchIndex searchIndex;
    private final ContentChanges changes;

    LiveSnapshots(EntityManager entityManager, Json json, ContentGeneration generation,
            AuthorService authorService, TermService termService, ImageService images, PostSearchIndex searchIndex,
            ContentChanges changes) {
        this.searchIndex = searchIndex;
        this.changes = changes;
        this.images = images;
        this.entityManager = entityManager;
        this.json = json;
        this.generation = generation;
        this.authorService = authorService;
        this.termService = termService;
    }

    /**
     * Takes a snapshot of the working copy; {@code wasLive}: it replaces one (else there is none).
     * {@code updatedAt}: what readers are told of when the content last changed (now, or an
     * imported file's own time).
     */
    void publish(Post post, boolean wasLive, OffsetDateTime updatedAt) {
        LivePost snapshot = wasLive ? entityManager.find(LivePost.class, post.id) : null;
        boolean isNew = snapshot == null;
        if (isNew) {
            snapshot = new LivePost();
            snapshot.postId = post.id;
        } else if (snapshot.type != post.type || !snapshot.slug.equals(post.slug)) {
            // The old address stops serving it; the upsert below names the new one.
            changes.tombstone(resource(snapshot.type), post.id, snapshot.slug, Reason.MOVED);
        }
        write(snapshot, PostState.of(post), post.html, post.authors, post.terms, Times.utc(updatedAt));
        if (isNew) {
            // Once filled: Hibernate inserts the state an entity has when persisted.
            entityManager.persist(snapshot);
        }
        changes.upsert(resource(post.type), post.id, post.slug, isNew ? Reason.PUBLISHED : Reason.UPDATED);
    }

    /** Takes the post off the Content API, if it is there; {@code reason}: unpublished or deleted. */
    void remove(UUID postId, Reason reason) {
        LivePost snapshot = entityManager.find(LivePost.class, postId);
        if (snapshot != null) {
            changes.tombstone(resource(snapshot.type), postId, snapshot.slug, reason);
            entityManager.remove(snapshot);
            changed(snapshot.postId, snapshot.type);
        }
    }

    Optional<PostState> state(UUID postId) {
        return Optional.ofNullable(entityManager.find(LivePost.class, postId))
                .map(snapshot -> json.read(snapshot.state, PostState.class));
    }

    /** The posts whose live versions serve one of these lower-case slugs. */
    List<UUID> postsServing(Collection<String> lowerSlugs) {
        return entityManager.createQuery("select l.postId from LivePost l where lower(l.slug) in :slugs", UUID.class)
                .setParameter("slugs", lowerSlugs).getResultList();
    }

    /** Lower-case slugs the snapshots of this type serve. */
    Set<String> servedSlugs(PostType type) {
        return Set.copyOf(entityManager.createQuery("select lower(l.slug) from LivePost l where l.type = :type", String.class)
                .setParameter("type", type).getResultList());
    }

    /**
     * Re-serializes every snapshot that shows the given author, term or feature image, leaving
     * it out when it is being deleted. The snapshot's content stays as published; only the names
     * (and an image's alt text, on posts without their own) change.
     */
    List<PublicPost> refreshReferencing(ReferencedNamesChanged.Kind kind, UUID referenceId, boolean deleted) {
        String showing = switch (kind) {
            case AUTHOR -> "select l from LivePost l where :id member of l.authorIds";
            case TERM -> "select l from LivePost l where :id member of l.termIds";
            case IMAGE -> "select l from LivePost l where l.featureImageId = :id";
        };
        List<LivePost> snapshots = new ArrayList<>();
        List<PostState> states = new ArrayList<>();
        for (LivePost snapshot : entityManager.createQuery(showing, LivePost.class).setParameter("id", referenceId)
                .getResultList()) {
            PostState state = json.read(snapshot.state, PostState.class);
            // An image's new alt text shows only where the post gives none of its own.
            if (deleted || kind != ReferencedNamesChanged.Kind.IMAGE || state.featureImageAlt() == null) {
                snapshots.add(snapshot);
                states.add(deleted ? state.without(referenceId) : state);
            }
        }
        // A tag on hundreds of posts: its authors and terms are loaded once, not per post.
        Map<UUID, Author> authors = authorService.findByIds(states.stream().flatMap(s -> s.authorIds().stream())
                .distinct().toList()).stream().collect(Collectors.toMap(author -> author.id, author -> author));
        Map<UUID, Term> terms = termService.findByIds(states.stream().flatMap(s -> s.termIds().stream())
                .distinct().toList()).stream().collect(Collectors.toMap(term -> term.id, term -> term));
        List<PublicPost> refreshed = new ArrayList<>(snapshots.size());
        for (int i = 0; i < snapshots.size(); i++) {
            LivePost snapshot = snapshots.get(i);
            PostState state = states.get(i);
            refreshed.add(write(snapshot, state, json.textField(snapshot.bodyJson, "html"),
                    InOrder.pick(state.authorIds(), authors), InOrder.pick(state.termIds(), terms), snapshot.snapshotAt));
            // Its JSON shows the new name (or no longer the deleted one).
            changes.upsert(resource(snapshot.type), snapshot.postId, snapshot.slug, Reason.UPDATED);
        }
        return refreshed;
    }

    /**
     * The live version of a post whose working copy has moved on, as an export writes it and an
     * import compares a file with it: what readers see, not edits nobody published yet.
     */
    Optional<LiveContent> liveContent(Post post) {
        LivePost snapshot = entityManager.find(LivePost.class, post.id);
        if (snapshot == null) {
            return Optional.empty();
        }
        PostState state = json.read(snapshot.state, PostState.class);
        List<Author> authors = InOrder.pick(state.authorIds(), authorService.findByIds(state.authorIds()).stream()
                .collect(Collectors.toMap(author -> author.id, author -> author)));
        List<Term> terms = InOrder.pick(state.termIds(), termService.findByIds(state.termIds()).stream()
                .collect(Collectors.toMap(term -> term.id, term -> term)));
        List<Term> tags = terms.stream().filter(term -> term.taxonomy == Taxonomy.TAG).toList();
        List<Term> categories = terms.stream().filter(term -> term.taxonomy == Taxonomy.CATEGORY).toList();
        FeatureImage image = state.featureImageId() == null && state.featureImageUrl() == null ? null
                : new FeatureImage(state.featureImageId(), state.featureImageUrl(), state.featureImageAlt());
        PostContent content = new PostContent(state.type(), state.slug(), state.title(), state.markdown(),
                state.customExcerpt(), image, authors.stream().map(author -> author.name).toList(),
                tags.stream().map(term -> term.name).toList(), categories.stream().map(term -> term.name).toList(),
                state.publishedAt(), Times.utc(post.unpublishAt), state.meta());
        return Optional.of(new LiveContent(content, authors.stream().map(author -> author.slug).toList(),
                tags.stream().map(term -> term.slug).toList(), categories.stream().map(term -> term.slug).toList(),
                Times.utc(snapshot.snapshotAt)));
    }

    /** A live version's content, its references by slug, and when it went live. */
    record LiveContent(PostContent content, List<String> authorSlugs, List<String> tagSlugs, List<String> categorySlugs,
            OffsetDateTime liveSince) {
    }

    /**
     * The working copy as the Content API would show it if it were published now, for a preview;
     * its {@code updatedAt} is the working copy's last change.
     */
    PublicPost preview(Post post) {
        return publicPost(post.id, PostState.of(post), post.html, post.authors, post.terms, Times.utc(post.updatedAt));
    }

    /** What readers see of a post: the one mapping behind live snapshots and previews alike. */
    private PublicPost publicPost(UUID postId, PostState state, String html, List<Author> authors, List<Term> terms,
            OffsetDateTime updatedAt) {
        List<PublicRef> authorRefs = authors.stream().map(a -> new PublicRef(a.slug, a.name)).toList();
        FeatureImageView image = images.featureImage(state.featureImageId(), state.featureImageUrl(),
                state.featureImageAlt());
        return new PublicPost(postId, state.type(), state.slug(), state.title(), html, state.excerpt(), image,
                authorRefs, refs(terms, Taxonomy.TAG), refs(terms, Taxonomy.CATEGORY), state.publishedAt(), updatedAt,
                state.wordCount(), state.readingTimeMinutes(), state.meta());
    }

    /** Writes the snapshot and its public JSON, which it returns. */
    private PublicPost write(LivePost snapshot, PostState state, String html, List<Author> authors, List<Term> terms,
            OffsetDateTime snapshotAt) {
        PublicPost body = publicPost(snapshot.postId, state, html, authors, terms, snapshotAt);
        if (snapshot.type != null && snapshot.type != state.type()) {
            changed(snapshot.postId, snapshot.type); // a post become a page leaves the list of posts
        }
        snapshot.type = state.type();
        snapshot.slug = state.slug();
        snapshot.publishedAt = state.publishedAt();
        snapshot.snapshotAt = snapshotAt;
        String stateJson = json.write(state);
        if (!stateJson.equals(snapshot.state)) {
            // A new name on hundreds of posts changes none of their contents: no image lookups.
            replaceContents(snapshot.imageIds, List.copyOf(images.usedBy(state.markdown(), state.featureImageId())));
        }
        snapshot.state = stateJson;
        snapshot.bodyJson = json.write(body);
        snapshot.summaryJson = json.write(PublicPostSummary.of(body));
        snapshot.featureImageId = state.featureImageId();
        searchIndex.index(snapshot, state, html, terms);
        // Set contents, not new sets: Hibernate then writes only the links that changed.
        replaceContents(snapshot.authorIds, authors.stream().map(a -> a.id).toList());
        replaceContents(snapshot.termIds, terms.stream().map(t -> t.id).toList());
        changed(snapshot.postId, snapshot.type);
        return body;
    }

    private void changed(UUID postId, PostType type) {
        generation.changed(ContentKeys.ofPostChange(postId, type.toString()));
    }

    private static Resource resource(PostType type) {
        return type == PostType.PAGE ? Resource.PAGE : Resource.POST;
    }

    private static void replaceContents(Set<UUID> current, List<UUID> wanted) {
        current.retainAll(wanted);
        current.addAll(wanted);
    }

    private static List<PublicRef> refs(List<Term> terms, Taxonomy taxonomy) {
        return terms.stream().filter(t -> t.taxonomy == taxonomy).map(t -> new PublicRef(t.slug, t.name)).toList();
    }
}
