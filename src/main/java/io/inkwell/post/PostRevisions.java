package io.inkwell.post;

import io.inkwell.auth.Actor;
import io.inkwell.auth.CurrentActor;
import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.web.Json;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The history of each post's working copy, kept by {@link PostLifecycle} after every change:
 * a save whose content is the newest revision's adds nothing; saves by one token within
 * INKWELL_REVISIONS_COALESCE_WINDOW of the newest revision's first save update it (unless it
 * went live: that one stays as it was published); any other save adds a revision. Going live
 * marks the revision that did. Runs in the caller's transaction, on a post the caller locked.
 */
@ApplicationScoped
class PostRevisions implements PanacheRepositoryBase<PostRevision, UUID> {

    private static final Logger LOG = Logger.getLogger(PostRevisions.class);

    private final CurrentActor current;
    private final ImportTransaction importing;
    private final TransactionCache transaction;
    private final InkwellConfig config;
    private final Json json;
    private final Clock clock;

    PostRevisions(CurrentActor current, ImportTransaction importing, TransactionCache transaction,
            InkwellConfig config, Json json, Clock clock) {
        this.current = current;
        this.importing = importing;
        this.transaction = transaction;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /**
     * What a revision keeps of the working copy: the content, not where it sits in time (type,
     * publication and unpublish times belong to publishing, and a restore leaves them as they are).
     */
    static PostContent revisable(PostContent content) {
        return new PostContent(null, content.slug(), content.title(), content.markdown(), content.excerpt(),
                content.featureImage(), content.authors(), content.tags(), content.categories(), null, null,
                content.meta());
    }

    /**
     * Keeps the post's working copy as it is now; returns the revision that holds it.
     * {@code newPost}: the post is being created, so it has no revision yet to look for.
     */
    PostRevision record(Post post, boolean newPost) {
        String content = json.write(revisable(PostMapping.content(post)));
        String hash = Text.sha256(content);
        PostRevision newest = newest(post.id, newPost);
        if (newest != null && newest.contentHash.equals(hash)) {
            return newest;
        }
        Actor actor = current.get();
        String source = importing.importing() ? PostRevision.IMPORT : actor.isSystem() ? PostRevision.SYSTEM : PostRevision.API;
        OffsetDateTime now = Times.now(clock);
        boolean startNew = startsNew().remove(post.id);
        if (newest != null && newest.publishedAt == null && !startNew && savedBy(newest, actor, source)
                && now.isBefore(newest.createdAt.plus(config.revisions().coalesceWindow()))) {
            newest.content = content;
            newest.contentHash = hash;
            newest.savedAt = now;
            newest.saves++;
            return newest;
        }
        PostRevision revision = new PostRevision();
        revision.id = UUID.randomUUID();
        revision.postId = post.id;
        revision.number = newest == null ? 1 : newest.number + 1;
        revision.content = content;
        revision.contentHash = hash;
        revision.source = source;
        revision.tokenId = actor.tokenId();
        revision.tokenName = actor.tokenName();
        revision.authorId = actor.authorId();
        revision.createdAt = now;
        revision.savedAt = now;
        revision.saves = 1;
        persist(revision);
        newestInTransaction().put(post.id, revision.id);
        return revision;
    }

    /**
     * The post's next save in this transaction adds a revision of its own rather than updating
     * the newest one: a restore stays apart from the edits it replaces.
     */
    void startNewRevision(UUID postId) {
        startsNew().add(postId);
    }

    /** The post went live with its working copy: marks the revision that holds it. */
    void markLive(Post post) {
        record(post, false).publishedAt = Times.now(clock);
    }

    /** A revision's content as saved, or 404. */
    PostContent content(UUID postId, int number) {
        return json.read(get(postId, number).content, PostContent.class);
    }

    PostRevision get(UUID postId, int number) {
        return find("postId = ?1 and number = ?2", postId, number).firstResultOptional()
                .orElseThrow(() -> new ResourceNotFoundException("Post " + postId + " has no revision " + number + "."));
    }

    /** Removes revisions past INKWELL_REVISIONS_KEEP that did not go live within INKWELL_REVISIONS_KEEP_PUBLISHED_DAYS. */
    @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void pruneOnSchedule() {
        int removed = prune(config.revisions().keep(), Duration.ofDays(config.revisions().keepPublishedDays()));
        if (removed > 0) {
            LOG.debugf("Removed %d post revisions past their retention.", removed);
        }
    }

    /**
     * Every post keeps its newest {@code keep} revisions, and those that went live within
     * {@code keepPublished}; the rest go, in one statement for all posts.
     */
    @Transactional
    int prune(int keep, Duration keepPublished) {
        return getEntityManager().createNativeQuery("""
                delete from post_revision revision
                using (select id, row_number() over (partition by post_id order by number desc) as place
                       from post_revision) ranked
                where revision.id = ranked.id and ranked.place > :keep
                  and (revision.published_at is null or revision.published_at < :publishedBefore)
                """)
                .setParameter("keep", keep)
                .setParameter("publishedBefore", Times.now(clock).minus(keepPublished))
                .executeUpdate();
    }

    /**
     * The post's newest revision. Flushes happen at commit only, so one saved earlier in this
     * transaction is not found by a query yet: those are remembered for the transaction.
     */
    private PostRevision newest(UUID postId, boolean newPost) {
        UUID savedNow = newestInTransaction().get(postId);
        if (savedNow != null) {
            PostRevision revision = getEntityManager().find(PostRevision.class, savedNow);
            if (revision != null) {
                return revision;
            }
        }
        if (newPost) {
            return null;
        }
        Optional<PostRevision> newest = find("postId = ?1 order by number desc", postId).firstResultOptional();
        return newest.orElse(null);
    }

    private Set<UUID> startsNew() {
        return transaction.get("post-revisions/starts-new", HashSet::new);
    }

    private Map<UUID, UUID> newestInTransaction() {
        return transaction.get("post-revisions/newest", HashMap::new);
    }

    private static boolean savedBy(PostRevision revision, Actor actor, String source) {
        return revision.source.equals(source) && Objects.equals(revision.tokenId, actor.tokenId())
                && revision.tokenName.equals(actor.tokenName());
    }
}
