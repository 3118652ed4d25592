package io.inkwell.post;

import io.inkwell.common.Text;
import io.inkwell.author.AuthorService;
import io.inkwell.common.Times;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.db.DeferredWrites;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.slug.NamedReferences;
import io.inkwell.common.slug.Slugs;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What the importer and exporter need of posts: comparing a file with a post, creating or
 * replacing a post as a file says, and reading every post for export. The draft/publish rules
 * are {@link PostService}'s; this class applies them to files.
 */
@ApplicationScoped
public class PostImportService {

    private final PostRepository posts;
    private final PostService editor;
    private final AuthorService authorService;
    private final ImageService images;
    private final DeferredWrites writes;
    private final TransactionCache cache;
    private final Clock clock;

    public PostImportService(PostRepository posts, PostService editor, AuthorService authorService, ImageService images,
            DeferredWrites writes, TransactionCache cache, Clock clock) {
        this.writes = writes;
        this.cache = cache;
        this.clock = clock;
        this.posts = posts;
        this.editor = editor;
        this.authorService = authorService;
        this.images = images;
    }

    /** The posts of these types and slugs as they are now, keyed by {@link PostImport.Existing#key()}. */
    public Map<String, PostImport.Existing> existingForImport(Collection<String> slugs) {
        Map<String, PostImport.Existing> found = new HashMap<>();
        List<String> lowerSlugs = slugs.stream().map(slug -> slug.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        for (int from = 0; from < lowerSlugs.size(); from += 500) {
            List<String> batch = lowerSlugs.subList(from, Math.min(lowerSlugs.size(), from + 500));
            for (Post post : posts.findWithReferences(batch)) {
                PostImport.Existing existing = new PostImport.Existing(post.id, post.type, post.slug, post.title, post.markdown,
                        post.customExcerpt, post.featureImageId, post.featureImageUrl, post.meta,
                        post.authors.stream().map(a -> a.slug).toList(), PostService.names(post, Taxonomy.TAG, true),
                        PostService.names(post, Taxonomy.CATEGORY, true), post.status, post.hasUnpublishedChanges,
                        post.publishedAt, post.unpublishAt);
                found.put(existing.key(), existing);
            }
            posts.getEntityManager().clear();
        }
        return found;
    }

    /** True when importing {@code command} over {@code post} would change nothing it shows or does. */
    public boolean importChangesNothing(PostImport.Existing post, PostImport.Command command) {
        ImportedState target = importedState(command, Times.now(clock));
        return post.type() == command.type()
                && post.title().equals(command.title().strip())
                && post.markdown().equals(command.markdown())
                && Objects.equals(post.customExcerpt(), Text.blankToNull(command.excerpt()))
                && sameFeatureImage(post, command.featureImage())
                && post.metaJson().equals(command.metaJson())
                && post.authorSlugs().equals(List.copyOf(NamedReferences.bySlug("authors", command.authors()).keySet()))
                && post.tagSlugs().equals(List.copyOf(NamedReferences.bySlug("tags", command.tags()).keySet()))
                && post.categorySlugs().equals(List.copyOf(NamedReferences.bySlug("categories", command.categories()).keySet()))
                && post.status() == target.status()
                && !post.hasUnpublishedChanges()
                && (command.publishedAt() == null || Objects.equals(post.publishedAt(), Times.utc(command.publishedAt())))
                && Objects.equals(post.unpublishAt(), target.unpublishAt());
    }

    /**
     * Creates or replaces the post with this type and slug as the file says, and puts it in
     * the state the file asks for (draft, scheduled, published, expired).
     */
    // A refused file must not doom the import's transaction: the importer decides what to keep.
    @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ApiException.class)
    public PostImport.Outcome importPost(PostImport.Command command) {
        editor.flushOnlyWhenAsked();
        OffsetDateTime now = Times.now(clock);
        String slug = Slugs.normalize(command.slug());
        if (!Slugs.isValid(slug)) {
            throw new InvalidInputException("slug", "'" + command.slug() + "' is not a valid slug.");
        }
        if (command.title() == null || command.title().isBlank()) {
            throw new InvalidInputException("title", "Must not be blank.");
        }
        Optional<Post> existing = command.known() ? posts.findBySlugForUpdate(command.type(), slug) : Optional.empty();
        if (existing.isEmpty() && slugTakenForNewPost(command, slug)) {
            throw new ConflictException("The slug '" + slug + "' is still live for another " + command.type() + ".");
        }
        List<io.inkwell.author.Author> resolvedAuthors = authorService.resolve("authors", command.authors());
        List<Term> resolvedTerms = editor.resolveTerms(command.tags(), command.categories());
        Post post = existing.orElseGet(() -> {
            Post created = new Post();
            created.id = UUID.randomUUID();
            created.createdAt = now;
            created.status = PostStatus.DRAFT;
            return created;
        });
        post.type = command.type();
        post.slug = slug;
        post.title = command.title().strip();
        post.markdown = command.markdown();
        post.customExcerpt = Text.blankToNull(command.excerpt());
        editor.setFeatureImage(post, command.featureImage() == null ? null
                : new FeatureImage(null, command.featureImage(), post.featureImageAlt));
        post.meta = command.metaJson();
        post.authors.clear();
        post.authors.addAll(resolvedAuthors);
        post.terms.clear();
        post.terms.addAll(resolvedTerms);
        if (command.rendered() != null) {
            PostService.setRendered(post, command.rendered());
        } else {
            PostService.render(post);
        }
        if (command.publishedAt() != null) {
            post.publishedAt = Times.utc(command.publishedAt());
        }
        post.updatedAt = now;
        ImportedState target = importedState(command, now);
        post.unpublishAt = target.unpublishAt();
        switch (target.status()) {
            case DRAFT -> {
                if (post.status != PostStatus.DRAFT) {
                    editor.takeOffline(post);
                }
                post.status = PostStatus.DRAFT;
            }
            case SCHEDULED -> {
                if (post.status == PostStatus.PUBLISHED) {
                    editor.takeOffline(post);
                }
                editor.schedule(post, post.publishedAt, now, "date");
            }
            case PUBLISHED -> editor.goLive(post, now);
        }
        editor.persistIfNew(post);
        writes.flushEntities();
        editor.recordImageUsage(post, existing.isEmpty());
        for (String alias : command.aliases()) {
            String aliasSlug = Slugs.fromText(alias.replaceAll("/+$", "").replaceAll(".*/", ""));
            if (!aliasSlug.isEmpty() && !aliasSlug.equals(post.slug)) {
                posts.recordSlugAlias(post.type, aliasSlug, post.id);
            }
        }
        // Read once the import's writes are flushed: an update raises the version at the flush.
        return new PostImport.Outcome(post.id, () -> post.version, existing.isEmpty());
    }

    /**
     * Whether a new post may not have this slug. When the importer read the posts of the whole
     * upload and found none with it ({@code known} false), only a live snapshot of another post
     * (renamed, or moved to the other type, since publishing) can still hold it. The live slugs
     * are read once per transaction instead of a query per post; they only go stale by this
     * import freeing one, so a hit is checked again after writing what is queued. (A post created
     * with the slug since the importer looked fails on the unique index, as any race does.)
     */
    private boolean slugTakenForNewPost(PostImport.Command command, String slug) {
        if (!command.known()) {
            Set<String> live = cache.get("live-slugs/" + command.type(), () -> posts.liveSlugs(command.type()));
            if (!live.contains(slug.toLowerCase(Locale.ROOT))) {
                return false;
            }
            writes.flush();
        }
        return posts.slugTaken(command.type(), slug, null);
    }

    /** Takes a post that vanished from its import source off the Content API. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void unpublishPruned(UUID id) {
        editor.flushOnlyWhenAsked();
        posts.findForUpdate(id).ifPresent(post -> {
            if (post.status != PostStatus.DRAFT) {
                editor.takeOffline(post);
                post.updatedAt = Times.now(clock);
                posts.flush();
            }
        });
    }

    /** Lets the persistence context drop a post an import is done with. */
    public void forget(UUID id) {
        Post post = posts.getEntityManager().find(Post.class, id);
        if (post != null) {
            posts.getEntityManager().detach(post);
        }
    }

    /** Every post and page, a batch of 100 at a time, for the exporter. */
    public void forEachForExport(java.util.function.Consumer<List<PostImport.Exported>> consumer) {
        int page = 0;
        List<Post> batch;
        do {
            batch = posts.find("order by type, slug").page(page++, 100).list();
            consumer.accept(batch.stream().map(post -> new PostImport.Exported(post.id, post.type, post.slug, post.title,
                    post.markdown, post.customExcerpt, post.featureImageId, post.featureImageUrl,
                    post.authors.stream().map(a -> a.name).toList(), PostService.names(post, Taxonomy.TAG, false),
                    PostService.names(post, Taxonomy.CATEGORY, false), post.status, post.publishedAt, post.unpublishAt,
                    post.updatedAt, post.version, post.meta)).toList());
            posts.getEntityManager().clear();
        } while (batch.size() == 100);
    }

    private record ImportedState(PostStatus status, OffsetDateTime unpublishAt) {
    }

    /** Hugo's rules: a draft stays a draft, a future date schedules, a past expiry date hides. */
    private static ImportedState importedState(PostImport.Command command, OffsetDateTime now) {
        OffsetDateTime unpublishAt = Times.utc(command.unpublishAt());
        if (command.draft()) {
            return new ImportedState(PostStatus.DRAFT, unpublishAt);
        }
        if (unpublishAt != null && !unpublishAt.isAfter(now)) {
            return new ImportedState(PostStatus.DRAFT, null);
        }
        OffsetDateTime publishedAt = Times.utc(command.publishedAt());
        if (publishedAt != null && publishedAt.isAfter(now)) {
            return new ImportedState(PostStatus.SCHEDULED, unpublishAt);
        }
        return new ImportedState(PostStatus.PUBLISHED, unpublishAt);
    }

    private boolean sameFeatureImage(PostImport.Existing post, String reference) {
        if (reference == null) {
            return post.featureImageId() == null && post.featureImageUrl() == null;
        }
        Optional<UUID> image = images.resolveReference(reference);
        return image.isPresent() ? image.get().equals(post.featureImageId())
                : post.featureImageId() == null && reference.strip().equals(post.featureImageUrl());
    }
}
