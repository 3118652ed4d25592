package io.inkwell.post;

import io.inkwell.author.Author;
import io.inkwell.author.AuthorService;
import io.inkwell.common.Times;
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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The published side of posts. Publishing copies the working copy into {@code live_post} with
 * its public JSON already serialized, so the Content API only reads and sends bytes.
 */
@ApplicationScoped
class LiveSnapshots {

    private final EntityManager entityManager;
    private final Json json;
    private final ContentGeneration generation;
    private final AuthorService authorService;
    private final TermService termService;
    private final ImageService images;

    LiveSnapshots(EntityManager entityManager, Json json, ContentGeneration generation,
            AuthorService authorService, TermService termService, ImageService images) {
        this.images = images;
        this.entityManager = entityManager;
        this.json = json;
        this.generation = generation;
        this.authorService = authorService;
        this.termService = termService;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void publish(Post post, boolean wasLive) {
        write(post.id, PostState.of(post), post.html, post.authors, post.terms, Times.now(), wasLive);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void remove(UUID postId) {
        int removed = entityManager.createNativeQuery("delete from live_post where post_id = ?1")
                .setParameter(1, postId).executeUpdate();
        if (removed > 0) {
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
    void refreshReferencing(UUID referenceId, boolean deleted) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select post_id, state, snapshot_at, body_json from live_post
                where post_id in (select post_id from live_post_term where term_id = ?1
                                  union select post_id from live_post_author where author_id = ?1)
                   or state like ?2""")
                .setParameter(1, referenceId)
                .setParameter(2, "%\"featureImageId\":\"" + referenceId + "\"%")
                .getResultList();
        for (Object[] row : rows) {
            PostState state = json.read((String) row[1], PostState.class);
            if (deleted) {
                state = state.without(referenceId);
            }
            String html = json.textField((String) row[3], "html");
            write((UUID) row[0], state, html, authorService.findByIds(state.authorIds()),
                    termService.findByIds(state.termIds()), toUtc(row[2]), true);
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
        entityManager.createNativeQuery("""
                insert into live_post (post_id, type, slug, published_at, snapshot_at, state, body_json, summary_json)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                on conflict (post_id) do update set type = excluded.type, slug = excluded.slug,
                    published_at = excluded.published_at, snapshot_at = excluded.snapshot_at,
                    state = excluded.state, body_json = excluded.body_json, summary_json = excluded.summary_json""")
                .setParameter(1, postId)
                .setParameter(2, state.type().toString())
                .setParameter(3, state.slug())
                .setParameter(4, state.publishedAt())
                .setParameter(5, snapshotAt)
                .setParameter(6, json.write(state))
                .setParameter(7, json.write(body))
                .setParameter(8, json.write(summary))
                .executeUpdate();
        // All authors (all terms) in one statement: an import publishes a thousand posts at once.
        if (replacing) {
            entityManager.createNativeQuery("delete from live_post_author where post_id = ?1")
                    .setParameter(1, postId).executeUpdate();
            entityManager.createNativeQuery("delete from live_post_term where post_id = ?1")
                    .setParameter(1, postId).executeUpdate();
        }
        if (!authors.isEmpty()) {
            entityManager.createNativeQuery("insert into live_post_author (post_id, author_id) "
                            + "select distinct ?1, unnest(cast(?2 as uuid[])) on conflict do nothing")
                    .setParameter(1, postId).setParameter(2, authors.stream().map(a -> a.id).toArray(UUID[]::new))
                    .executeUpdate();
        }
        if (!terms.isEmpty()) {
            entityManager.createNativeQuery("insert into live_post_term (post_id, term_id) "
                            + "select distinct ?1, unnest(cast(?2 as uuid[])) on conflict do nothing")
                    .setParameter(1, postId).setParameter(2, terms.stream().map(t -> t.id).toArray(UUID[]::new))
                    .executeUpdate();
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
