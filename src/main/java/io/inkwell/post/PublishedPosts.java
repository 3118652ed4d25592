package io.inkwell.post;

import io.inkwell.author.AuthorService;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.post.PostDtos.LiveAddress;
import io.inkwell.post.PostDtos.SyndicatedPost;
import io.inkwell.common.web.Json;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.UUID;

/**
 * The Content API's reads of published posts: the JSON stored at publish time, selected and
 * sent as it is (no entity is loaded), so these stay SQL.
 */
@ApplicationScoped
public class PublishedPosts {

    private final EntityManager entityManager;
    private final Json json;
    private final TermService terms;
    private final AuthorService authors;
    private final PostLinks links;
    private final ObjectReader syndicated;

    PublishedPosts(EntityManager entityManager, Json json, TermService terms, AuthorService authors, PostLinks links) {
        this.entityManager = entityManager;
        this.json = json;
        this.terms = terms;
        this.authors = authors;
        this.links = links;
        // A feed needs fewer fields than the stored post has (no meta, no counts).
        this.syndicated = json.mapper().readerFor(SyndicatedPost.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    Optional<String> body(String type, String slug) {
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery(
                "select body_json from live_post where type = ?1 and lower(slug) = lower(?2)")
                .setParameter(1, type).setParameter(2, slug).getResultList();
        return found.stream().findFirst().map(links::addTo);
    }

    /** The slug a live post has now, when {@code oldSlug} was one of its slugs before. */
    Optional<String> currentSlug(String type, String oldSlug) {
        @SuppressWarnings("unchecked")
        List<String> current = entityManager.createNativeQuery("""
                select lp.slug from post_slug_alias a join live_post lp on lp.post_id = a.post_id
                where a.type = ?1 and a.slug = lower(?2) and lp.type = ?1""")
                .setParameter(1, type).setParameter(2, oldSlug).getResultList();
        return current.stream().findFirst();
    }

    /**
     * A page of the list as the Content API sends it. A filter names a tag, category or author
     * by slug; one that does not exist matches nothing.
     */
    @SuppressWarnings("unchecked")
    String listJson(String type, String tag, String category, String author, PageRequest paging) {
        Optional<UUID> tagId = tag == null ? Optional.empty() : terms.idOf(Taxonomy.TAG, tag);
        Optional<UUID> categoryId = category == null ? Optional.empty() : terms.idOf(Taxonomy.CATEGORY, category);
        Optional<UUID> authorId = author == null ? Optional.empty() : authors.idOf(author);
        if ((tag != null && tagId.isEmpty()) || (category != null && categoryId.isEmpty())
                || (author != null && authorId.isEmpty())) {
            return envelope(List.of(), paging, 0);
        }
        String filters = """
                from live_post lp where lp.type = ?1
                and (cast(?2 as text) is null or exists (select 1 from live_post_term lt
                     where lt.post_id = lp.post_id and lt.term_id = cast(cast(?2 as text) as uuid)))
                and (cast(?3 as text) is null or exists (select 1 from live_post_term lt
                     where lt.post_id = lp.post_id and lt.term_id = cast(cast(?3 as text) as uuid)))
                and (cast(?4 as text) is null or exists (select 1 from live_post_author la
                     where la.post_id = lp.post_id and la.author_id = cast(cast(?4 as text) as uuid)))
                """;
        // As text: a null UUID parameter of a native query has no type PostgreSQL can cast.
        String tagFilter = tagId.map(UUID::toString).orElse(null);
        String categoryFilter = categoryId.map(UUID::toString).orElse(null);
        String authorFilter = authorId.map(UUID::toString).orElse(null);
        List<String> summaries = entityManager.createNativeQuery("select lp.summary_json " + filters
                        + " order by lp.published_at desc, lp.post_id limit ?5 offset ?6")
                .setParameter(1, type).setParameter(2, tagFilter).setParameter(3, categoryFilter).setParameter(4, authorFilter)
                .setParameter(5, paging.limit()).setParameter(6, paging.offset())
                .getResultList();
        long total = ((Number) entityManager.createNativeQuery("select count(*) " + filters)
                .setParameter(1, type).setParameter(2, tagFilter).setParameter(3, categoryFilter).setParameter(4, authorFilter)
                .getSingleResult()).longValue();
        return envelope(summaries, paging, total);
    }

    /**
     * The newest live posts (not pages), for a feed: all of them, or those of one tag, category or
     * author (by id; at most one filter is set).
     */
    @SuppressWarnings("unchecked")
    public List<SyndicatedPost> newest(Optional<UUID> termId, Optional<UUID> authorId, int limit) {
        String termFilter = termId.map(UUID::toString).orElse(null);
        String authorFilter = authorId.map(UUID::toString).orElse(null);
        List<String> bodies = entityManager.createNativeQuery("""
                select lp.body_json from live_post lp where lp.type = 'post'
                and (cast(?1 as text) is null or exists (select 1 from live_post_term lt
                     where lt.post_id = lp.post_id and lt.term_id = cast(cast(?1 as text) as uuid)))
                and (cast(?2 as text) is null or exists (select 1 from live_post_author la
                     where la.post_id = lp.post_id and la.author_id = cast(cast(?2 as text) as uuid)))
                order by lp.published_at desc, lp.post_id limit ?3""")
                .setParameter(1, termFilter).setParameter(2, authorFilter).setParameter(3, limit)
                .getResultList();
        return bodies.stream().map(this::syndicated).toList();
    }

    /** Every live post and page, for a sitemap: newest first, posts before pages. */
    @SuppressWarnings("unchecked")
    public List<LiveAddress> addresses() {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select type, slug, published_at, snapshot_at from live_post
                order by type desc, published_at desc, post_id""").getResultList();
        return rows.stream().map(row -> new LiveAddress(String.valueOf(row[0]), (String) row[1],
                utc(row[2]), utc(row[3]))).toList();
    }

    /** When the live posts of each author last changed: their sitemap lastmod. */
    public Map<UUID, OffsetDateTime> lastChangeByAuthor() {
        return lastChange("select la.author_id, max(lp.snapshot_at) from live_post_author la "
                + "join live_post lp on lp.post_id = la.post_id group by la.author_id");
    }

    /** When the live posts of each tag or category last changed. */
    public Map<UUID, OffsetDateTime> lastChangeByTerm() {
        return lastChange("select lt.term_id, max(lp.snapshot_at) from live_post_term lt "
                + "join live_post lp on lp.post_id = lt.post_id group by lt.term_id");
    }

    @SuppressWarnings("unchecked")
    private Map<UUID, OffsetDateTime> lastChange(String sql) {
        List<Object[]> rows = entityManager.createNativeQuery(sql).getResultList();
        Map<UUID, OffsetDateTime> byId = new HashMap<>();
        for (Object[] row : rows) {
            byId.put((UUID) row[0], utc(row[1]));
        }
        return byId;
    }

    /** A timestamptz of a native query, whichever type the driver hands back. */
    private static OffsetDateTime utc(Object value) {
        Instant instant;
        if (value instanceof Instant i) {
            instant = i;
        } else if (value instanceof OffsetDateTime time) {
            instant = time.toInstant();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            instant = timestamp.toInstant();
        } else {
            throw new IllegalStateException("Unexpected time " + value.getClass());
        }
        return instant.atOffset(ZoneOffset.UTC);
    }

    private SyndicatedPost syndicated(String body) {
        try {
            return syndicated.readValue(body);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a stored post", e);
        }
    }

    /** The summaries are JSON already; only the envelope is assembled here. */
    private String envelope(List<String> summaries, PageRequest paging, long total) {
        return "{\"items\":[" + summaries.stream().map(links::addTo).collect(Collectors.joining(",")) + "],\"pagination\":"
                + json.write(paging.pagination(total)) + "}";
    }
}
