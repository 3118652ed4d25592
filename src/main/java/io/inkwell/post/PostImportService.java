package io.inkwell.post;

import io.inkwell.common.Text;
import io.inkwell.term.Taxonomy;
import io.inkwell.author.AuthorService;
import io.inkwell.term.TermService;
import io.inkwell.common.Times;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.slug.Slugs;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.FeatureImage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * What the importer and exporter need of posts: comparing a file with a post, creating or
 * replacing a post as a file says, and reading every post for export. The rules are
 * {@link PostLifecycle}'s; this class says which of them a file asks for. Writes run in the
 * importer's transaction.
 */
@ApplicationScoped
public class PostImportService {

    private final PostRepository posts;
    private final PostLifecycle lifecycle;
    private final LiveSnapshots live;
    private final ImageService images;
    private final TransactionCache cache;
    private final ImportTransaction importing;
    private final Clock clock;
    private final TermService terms;
    private final AuthorService authors;

    PostImportService(PostRepository posts, PostLifecycle lifecycle, LiveSnapshots live, ImageService images,
            TransactionCache cache, ImportTransaction importing, Clock clock, TermService terms, AuthorService authors) {
        this.posts = posts;
        this.terms = terms;
        this.authors = authors;
        this.importing = importing;
        this.lifecycle = lifecycle;
        this.live = live;
        this.images = images;
        this.cache = cache;
        this.clock = clock;
    }

    /**
     * The posts the files of an import name, as they are now, keyed by {@link PostImport.Existing#key()}:
     * {@code fileKeys} are the files' keys, {@code slugs} their slugs.
     */
    @Transactional
    public Map<String, PostImport.Existing> existingForImport(Collection<String> slugs, Set<String> fileKeys) {
        Map<String, PostImport.Existing> found = new HashMap<>();
        List<String> lowerSlugs = slugs.stream().map(slug -> slug.toLowerCase(Locale.ROOT)).distinct().toList();
        for (int from = 0; from < lowerSlugs.size(); from += 500) {
            List<String> batch = lowerSlugs.subList(from, Math.min(lowerSlugs.size(), from + 500));
            Set<UUID> seen = new HashSet<>();
            for (Post post : posts.findWithReferences(batch)) {
                seen.add(post.id);
                index(found, post, fileKeys);
            }
            for (UUID id : live.postsServing(batch)) {
                Post post = seen.add(id) ? posts.findById(id) : null;
                if (post != null) {
                    index(found, post, fileKeys);
                }
            }
            posts.getEntityManager().clear();
        }
        return found;
    }

    /** True when importing {@code command} over {@code post} would change nothing it shows or does. */
    public boolean importChangesNothing(PostImport.Existing post, PostImport.Command command) {
        PostContent now = post.content();
        PostContent file = command.content();
        ImportedState target = importedState(command, Times.now(clock));
        return now.type() == file.type()
                && now.title().equals(file.title().strip())
                && now.markdown().equals(file.markdown())
                && Objects.equals(now.excerpt(), Text.blankToNull(file.excerpt()))
                && sameFeatureImage(now.featureImage(), file.featureImage())
                && now.meta().equals(file.meta())
                // The ones the names are, as the import would attach them (a renamed tag by its new name too).
                && post.authorSlugs().equals(authors.slugsNamed("authors", file.authors()))
                && post.tagSlugs().equals(terms.slugsNamed(Taxonomy.TAG, "tags", file.tags()))
                && post.categorySlugs().equals(terms.slugsNamed(Taxonomy.CATEGORY, "categories", file.categories()))
                && post.status() == target.status()
                && (file.publishedAt() == null || Objects.equals(now.publishedAt(), Times.utc(file.publishedAt())))
                && (command.lastmod() == null || Times.utc(command.lastmod()).isAfter(Times.now(clock))
                        || Times.utc(command.lastmod()).equals(post.updatedAt()))
                && Objects.equals(now.unpublishAt(), target.unpublishAt());
    }

    /**
     * Creates or replaces the post with this type and slug as the file says, and puts it in
     * the state the file asks for (draft, scheduled, published, expired). Runs in the caller's
     * transaction; a refused file throws and the caller decides what to keep.
     */
    public PostImport.Outcome importPost(PostImport.Command command) {
        importing.begin();
        PostContent file = command.content();
        OffsetDateTime now = Times.now(clock);
        Optional<Post> existing = command.known()
                ? posts.findBySlugForUpdate(file.type(), Slugs.normalize(file.slug())) : Optional.empty();
        return importing.writingFile(contentTime(command, existing.orElse(null), now),
                () -> importPost(command, existing, now));
    }

    /**
     * When the file's content last changed, as Hugo reads it: {@code lastmod}, else the date
     * (the post's, when the file has none), unless that is still ahead; else now. (A content
     * time ahead would be the public updatedAt, the sitemap's lastmod and the feed's updated.)
     */
    private static OffsetDateTime contentTime(PostImport.Command command, Post current, OffsetDateTime now) {
        if (command.lastmod() != null && !Times.utc(command.lastmod()).isAfter(now)) {
            return Times.utc(command.lastmod());
        }
        OffsetDateTime date = command.content().publishedAt() != null ? Times.utc(command.content().publishedAt())
                : current != null ? Times.utc(current.publishedAt) : null;
        return date != null && !date.isAfter(now) ? date : now;
    }

    private PostImport.Outcome importPost(PostImport.Command command, Optional<Post> existing, OffsetDateTime now) {
        PostContent file = command.content();
        String slug = Slugs.normalize(file.slug());
        if (!Slugs.isValid(slug)) {
            throw new InvalidInputException("slug", "'" + file.slug() + "' is not a valid slug.");
        }
        if (existing.isEmpty() && slugTakenForNewPost(file.type(), slug, command.known())) {
            throw new ConflictException("The slug '" + slug + "' is still live for another " + file.type() + ".");
        }
        ImportedState target = importedState(command, now);
        Post post;
        if (existing.isEmpty()) {
            post = lifecycle.create(content(command, slug, null, target), target.status(), command.rendered(), true);
        } else {
            post = existing.get();
            if (post.status == PostStatus.SCHEDULED) {
                // A file may move its date: the lifecycle moves a scheduled post's time only by scheduling it again.
                lifecycle.moveTo(post, PostStatus.DRAFT);
            }
            lifecycle.edit(post, content(command, slug, post, target), command.rendered());
            lifecycle.moveTo(post, target.status());
        }
        for (String alias : command.aliases()) {
            String aliasSlug = Slugs.fromText(alias.replaceAll("/+$", "").replaceAll(".*/", ""));
            if (!aliasSlug.isEmpty() && !aliasSlug.equals(post.slug)) {
                posts.recordSlugAlias(post.type, aliasSlug, post.id);
            }
        }
        // The import writes a post once: a new one is inserted with version 0, an edited one
        // gets one more at the flush.
        return new PostImport.Outcome(post.id, existing.isEmpty() ? post.version : post.version + 1, existing.isEmpty());
    }

    /** The file's content for this post: its time kept when the file gives none, the image's alt kept. */
    private static PostContent content(PostImport.Command command, String slug, Post current, ImportedState target) {
        PostContent file = command.content();
        FeatureImage image = file.featureImage();
        if (image != null && image.alt() == null && current != null) {
            image = new FeatureImage(image.imageId(), image.url(), current.featureImageAlt);
        }
        OffsetDateTime publishedAt = file.publishedAt() != null || current == null ? file.publishedAt() : current.publishedAt;
        return new PostContent(file.type(), slug, file.title(), file.markdown(), file.excerpt(), image, file.authors(),
                file.tags(), file.categories(), publishedAt, target.unpublishAt(), file.meta());
    }

    /**
     * Whether a new post may not have this slug. When the importer read the posts of the whole
     * upload and found none with it ({@code known} false), only a live snapshot of another post
     * (renamed, or moved to the other type, since publishing) can still hold it. The live slugs
     * are read once per transaction instead of a query per post; they only go stale by this
     * import freeing one, so a hit is checked again after writing what is pending. (A post
     * created with the slug since the importer looked fails on the unique index, as any race does.)
     */
    private boolean slugTakenForNewPost(PostType type, String slug, boolean known) {
        if (!known) {
            Set<String> served = cache.get("live-slugs/" + type, () -> live.servedSlugs(type));
            if (!served.contains(slug.toLowerCase(Locale.ROOT))) {
                return false;
            }
            posts.flush();
        }
        return lifecycle.slugTaken(type, slug, null);
    }

    /** Takes posts that vanished from their import source off the Content API; returns those that were not drafts. */
    public List<PostImport.Unpublished> unpublishPruned(Collection<UUID> ids) {
        List<PostImport.Unpublished> unpublished = new ArrayList<>();
        for (UUID id : ids) {
            posts.findForUpdate(id).filter(post -> post.status != PostStatus.DRAFT).ifPresent(post -> {
                lifecycle.unpublish(post, null);
                unpublished.add(new PostImport.Unpublished(post.id, post.type, post.slug));
            });
        }
        unpublished.sort(Comparator.comparing(PostImport.Unpublished::slug));
        return unpublished;
    }

    /** Every post and page, a batch of 100 at a time, for the exporter (in its transaction). */
    public void forEachForExport(Consumer<List<PostImport.Exported>> consumer) {
        int page = 0;
        List<Post> batch;
        do {
            batch = posts.find("order by type, slug").page(page++, 100).list();
            consumer.accept(batch.stream().map(this::exported).toList());
            posts.getEntityManager().clear();
        } while (batch.size() == 100);
    }

    /**
     * Files are matched with posts by the working copy's type and slug, and also by the live
     * version's, which an export wrote when unpublished changes moved the slug or type (the
     * post's own file must not read as a new post taking its live slug); but not when a file of
     * the same import names the working copy: that file is the post, and one at the old slug a
     * new post the import may give it to.
     */
    private void index(Map<String, PostImport.Existing> found, Post post, Set<String> fileKeys) {
        PostImport.Existing existing = existing(post);
        String workingKey = PostImport.Existing.key(post.type, post.slug);
        found.put(workingKey, existing);
        if (!fileKeys.contains(workingKey)) {
            found.putIfAbsent(existing.key(), existing);
        }
    }

    /**
     * A live post with unpublished changes is compared with a file as its live version, which is
     * what an export wrote of it: the same file is then unchanged, and the edits stay unpublished.
     */
    private PostImport.Existing existing(Post post) {
        return liveVersionMovedOnFrom(post)
                .map(version -> new PostImport.Existing(post.id, version.content(), version.authorSlugs(), version.tagSlugs(),
                        version.categorySlugs(), post.status, true, version.liveSince()))
                .orElseGet(() -> PostMapping.existing(post));
    }

    /**
     * A live post with unpublished changes is exported as its live version: importing the export
     * must not publish edits nobody published (they stay in the post's revisions, not the zip).
     */
    private PostImport.Exported exported(Post post) {
        return liveVersionMovedOnFrom(post)
                .map(version -> new PostImport.Exported(post.id, version.content(), post.status, version.liveSince(), post.version))
                .orElseGet(() -> PostMapping.exported(post));
    }

    /** The live version of a live post whose working copy has unpublished changes; empty for any other. */
    private Optional<LiveSnapshots.LiveContent> liveVersionMovedOnFrom(Post post) {
        return post.status == PostStatus.PUBLISHED && post.hasUnpublishedChanges ? live.liveContent(post) : Optional.empty();
    }

    private record ImportedState(PostStatus status, OffsetDateTime unpublishAt) {
    }

    /**
     * Hugo's rules: a draft stays a draft, a future date schedules, a past expiry date hides. A
     * draft's expiry date is kept only while it is ahead.
     */
    private static ImportedState importedState(PostImport.Command command, OffsetDateTime now) {
        OffsetDateTime unpublishAt = Times.utc(command.content().unpublishAt());
        boolean expired = unpublishAt != null && !unpublishAt.isAfter(now);
        if (command.draft() || expired) {
            return new ImportedState(PostStatus.DRAFT, expired ? null : unpublishAt);
        }
        OffsetDateTime publishedAt = Times.utc(command.content().publishedAt());
        if (publishedAt != null && publishedAt.isAfter(now)) {
            return new ImportedState(PostStatus.SCHEDULED, unpublishAt);
        }
        return new ImportedState(PostStatus.PUBLISHED, unpublishAt);
    }

    private boolean sameFeatureImage(FeatureImage current, FeatureImage file) {
        String reference = file == null ? null : file.url();
        if (reference == null) {
            return current == null;
        }
        Optional<UUID> image = images.resolveReference(reference);
        boolean sameImage = image.isPresent() ? current != null && image.get().equals(current.imageId())
                : current != null && current.imageId() == null && reference.strip().equals(current.url());
        // A file without alt text keeps the post's (content above); one with it is stored stripped.
        String alt = Text.blankToNull(file.alt());
        return sameImage && (alt == null || alt.equals(current.alt()));
    }
}
