package io.inkwell.post;

import io.inkwell.author.Author;
import io.inkwell.author.AuthorService;
import io.inkwell.common.InOrder;
import io.inkwell.common.Times;
import io.inkwell.common.db.DeferredWrites;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.Json;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostDtos.PublicPost;
import io.inkwell.post.PostDtos.PublicPostSummary;
import io.inkwell.post.PostDtos.PublicRef;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.Term;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The published side of posts. Publishing copies the working copy into {@code live_post} with
 * its public JSON already serialized, so the Content API only reads and sends bytes.
 */
@ApplicationScoped
class LiveSnapshots {

    private final EntityManager entityManager;
    private final DeferredWrites writes;
    private final Json json;
    private final ContentGeneration generation;
    private final AuthorService authorService;
    private final TermService termService;
    private final ImageService images;
    private final Clock clock;

    LiveSnapshots(EntityManager entityManager, DeferredWrites writes, Json json, ContentGeneration generation,
            AuthorService authorService, TermService termService, ImageService images, Clock clock) {
        this.images = images;
        this.clock = clock;
        this.entityManager = entityManager;
        this.writes = writes;
        this.json = json;
        this.generation = generation;
        this.authorService = authorService;
        this.termService = termService;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void publish(Post post, boolean wasLive) {
        write(post.id, PostState.of(post), post.html, post.authors, post.terms, Times.now(clock), wasLive);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void remove(UUID postId) {
        if (writes.execute("delete from live_post where post_id = ?", postId) != 0) {
            generation.bump();
        }
    }

    Optional<PostState> state(UUID postId) {
        @SuppressWarnings("unchecked")
        List<String> states = entityManager.createNativeQuery("select state from live_post where post_id = ?1")
                .setParameter(1, postId).getResultList();
        return states.stream().findFirst().map(state -> json.read(state, PostState.class));
    }

    /**
     * Re-serializes every snapshot that shows the given author, term or feature image, leaving
     * it out when it is being deleted. The snapshot's content stays as published; only the names change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void refreshReferencing(ReferencedNamesChanged.Kind kind, UUID referenceId, boolean deleted) {
        String showing = switch (kind) {
            case AUTHOR -> "post_id in (select post_id from live_post_author where author_id = cast(?1 as uuid))";
            case TERM -> "post_id in (select post_id from live_post_term where term_id = cast(?1 as uuid))";
            case IMAGE -> "feature_image_id = cast(?1 as uuid)";
        };
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(
                "select post_id, state, snapshot_at, body_json from live_post where " + showing)
                .setParameter(1, referenceId.toString())
                .getResultList();
        List<PostState> states = rows.stream().map(row -> {
            PostState state = json.read((String) row[1], PostState.class);
            return deleted ? state.without(referenceId) : state;
        }).toList();
        // A tag on hundreds of posts: its authors and terms are loaded once, not per post.
        Map<UUID, Author> authors = authorService.findByIds(states.stream().flatMap(s -> s.authorIds().stream())
                .distinct().toList()).stream().collect(Collectors.toMap(author -> author.id, author -> author));
        Map<UUID, Term> terms = termService.findByIds(states.stream().flatMap(s -> s.termIds().stream())
                .distinct().toList()).stream().collect(Collectors.toMap(term -> term.id, term -> term));
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            PostState state = states.get(i);
            write((UUID) row[0], state, json.textField((String) row[3], "html"), InOrder.pick(state.authorIds(), authors),
                    InOrder.pick(state.termIds(), terms), toUtc(row[2]), true);
        }
        // Public tag and author lists change even when no snapshot names them.
        generation.bump();
    }

    private void write(UUID postId, PostState state, String html, List<Author> authors, List<Term> terms,
            OffsetDateTime snapshotAt, boolean replacing) {
        List<PublicRef> authorRefs = authors.stream().map(a -> new PublicRef(a.slug, a.name)).toList();
        List<PublicRef> tags = refs(terms, Taxonomy.TAG);
        List<PublicRef> categories = refs(terms, Taxonomy.CATEGORY);
        FeatureImageView image = images.featureImage(state.featureImageId(), state.featureImageUrl(),
                state.featureImageAlt());
        PublicPost body = new PublicPost(postId, state.type(), state.slug(), state.title(), html,
                state.excerpt(), image, authorRefs, tags, categories, state.publishedAt(), snapshotAt,
                state.wordCount(), state.readingTimeMinutes(), state.meta());
        PublicPostSummary summary = new PublicPostSummary(postId, state.type(), state.slug(), state.title(),
                state.excerpt(), image, authorRefs, tags, categories, state.publishedAt(), snapshotAt,
                state.wordCount(), state.readingTimeMinutes());
        writes.execute("""
                insert into live_post (post_id, type, slug, published_at, snapshot_at, state, body_json, summary_json,
                    feature_image_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (post_id) do update set type = excluded.type, slug = excluded.slug,
                    published_at = excluded.published_at, snapshot_at = excluded.snapshot_at,
                    state = excluded.state, body_json = excluded.body_json, summary_json = excluded.summary_json,
                    feature_image_id = excluded.feature_image_id""",
                postId, state.type().toString(), state.slug(), state.publishedAt(), snapshotAt,
                json.write(state), json.write(body), json.write(summary), state.featureImageId());
        // One statement per table whether the snapshot is new or replaced (it deletes only the
        // links that went, so it may run in a batch with other posts' statements).
        UUID[] authorIds = authors.stream().map(a -> a.id).distinct().toArray(UUID[]::new);
        UUID[] termIds = terms.stream().map(t -> t.id).distinct().toArray(UUID[]::new);
        if (replacing || authorIds.length > 0) {
            writes.execute("""
                    with gone as (delete from live_post_author where post_id = ? and not (author_id = any (?)))
                    insert into live_post_author (post_id, author_id) select ?, unnest(?) on conflict do nothing""",
                    postId, authorIds, postId, authorIds);
        }
        if (replacing || termIds.length > 0) {
            writes.execute("""
                    with gone as (delete from live_post_term where post_id = ? and not (term_id = any (?)))
                    insert into live_post_term (post_id, term_id) select ?, unnest(?) on conflict do nothing""",
                    postId, termIds, postId, termIds);
        }
        generation.bump();
    }

    private static List<PublicRef> refs(List<Term> terms, Taxonomy taxonomy) {
        return terms.stream().filter(t -> t.taxonomy == taxonomy).map(t -> new PublicRef(t.slug, t.name)).toList();
    }

    private static OffsetDateTime toUtc(Object timestamp) {
        if (timestamp instanceof OffsetDateTime odt) {
            return odt.withOffsetSameInstant(ZoneOffset.UTC);
        }
        if (timestamp instanceof java.time.Instant instant) {
            return instant.atOffset(ZoneOffset.UTC);
        }
        return ((java.sql.Timestamp) timestamp).toInstant().atOffset(ZoneOffset.UTC);
    }
}
