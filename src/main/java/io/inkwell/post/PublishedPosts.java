package io.inkwell.post;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.inkwell.common.Times;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.paging.Pagination;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.post.PostDtos.LiveAddress;
import io.inkwell.post.PostDtos.SyndicatedPost;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.KeyedContent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.io.IOException;
import java.time.OffsetDateTime;
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
    private final LivePostFilters listFilters;
    private final ListPositions listPositions;
    private final PostLinks links;
    private final ObjectReader syndicated;

    PublishedPosts(EntityManager entityManager, Json json, LivePostFilters listFilters, ListPositions listPositions,
            PostLinks links) {
        this.entityManager = entityManager;
        this.listPositions = listPositions;
        this.json = json;
        this.listFilters = listFilters;
        this.links = links;
        // A feed needs fewer fields than the stored post has (no meta, no counts).
        this.syndicated = json.mapper().readerFor(SyndicatedPost.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** A live post's JSON, under its own key and those of the terms and authors it shows. */
    Optional<KeyedContent> body(String type, String slug) {
        @SuppressWarnings("unchecked")
        List<Object[]> found = entityManager.createNativeQuery("""
                select lp.post_id, lp.body_json,
                       array(select lt.term_id from live_post_term lt where lt.post_id = lp.post_id),
                       array(select la.author_id from live_post_author la where la.post_id = lp.post_id)
                from live_post lp where lp.type = ?1 and lower(lp.slug) = lower(?2)""")
                .setParameter(1, type).setParameter(2, slug).getResultList();
        return found.stream().findFirst().map(row -> {
            List<String> keys = new ArrayList<>();
            keys.add(ContentKeys.post((UUID) row[0]));
            for (UUID term : (UUID[]) row[2]) {
                keys.add(ContentKeys.term(term));
            }
            for (UUID author : (UUID[]) row[3]) {
                keys.add(ContentKeys.author(author));
            }
            return KeyedContent.json(links.addTo((String) row[1]), keys);
        });
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
     * A page of the list as the Content API sends it: by page number, or after {@code after}
     * (keyset) when given. A filter names a tag, category or author by slug; one that does not
     * exist matches nothing.
     */
    KeyedContent list(String type, ListFilter filter, PageRequest paging, ListCursor after) {
        return KeyedContent.json(listJson(type, filter, paging, after), List.of(ContentKeys.listOf(type)));
    }

    @SuppressWarnings("unchecked")
    private String listJson(String type, ListFilter filter, PageRequest paging, ListCursor after) {
        Optional<LivePostFilters.Ids> ids = listFilters.ids(filter);
        if (ids.isEmpty()) {
            return envelope(List.of(), paging, after, 0, null);
        }
        ListPositions.Positions positions = listPositions.of(type, ids.get());
        // A page by number starts after the post before it, as a page by cursor does.
        ListCursor start = after;
        if (after == null && paging.offset() > 0) {
            if (paging.offset() >= positions.size()) {
                return envelope(List.of(), paging, null, positions.size(), null);
            }
            start = positions.after(paging.offset() - 1);
        }
        // The page's rows are found from the index alone; only the page's summaries are read.
        // One more row tells whether a next page exists.
        LivePostFilters.SetConditions filters = LivePostFilters.setOnly(ids.get(), 2);
        int limit = filters.nextParameter();
        String keyset = start == null ? "" : " and (lp.published_at, lp.post_id) < (?%d, ?%d)".formatted(limit + 1, limit + 2);
        Query pageQuery = filters.bind(entityManager.createNativeQuery("with page as (select lp.post_id, lp.published_at"
                        + " from live_post lp where lp.type = ?1\n" + filters.sql()
                        + keyset + " order by lp.published_at desc, lp.post_id desc limit ?" + limit + ")"
                        + " select l.summary_json, page.published_at, page.post_id from page join live_post l"
                        + " on l.post_id = page.post_id order by page.published_at desc, page.post_id desc"))
                .setParameter(1, type).setParameter(limit, paging.limit() + 1);
        if (start != null) {
            pageQuery.setParameter(limit + 1, start.publishedAt()).setParameter(limit + 2, start.postId());
        }
        List<Object[]> rows = pageQuery.getResultList();
        long total = positions.size();
        List<Object[]> shown = rows.subList(0, Math.min(rows.size(), paging.limit()));
        ListCursor next = rows.size() > paging.limit()
                ? new ListCursor(Times.toOffsetDateTime(shown.get(shown.size() - 1)[1]), (UUID) shown.get(shown.size() - 1)[2])
                : null;
        return envelope(shown.stream().map(row -> (String) row[0]).toList(), paging, after, total, next);
    }

    /**
     * The newest live posts (not pages), for a feed: all of them, or those of one tag, category or
     * author (by id; at most one filter is set).
     */
    @SuppressWarnings("unchecked")
    public List<SyndicatedPost> newest(Optional<UUID> termId, Optional<UUID> authorId, int limit) {
        // A tag's or a category's id: the condition on either is the same (live_post_term).
        LivePostFilters.SetConditions filters = LivePostFilters.setOnly(new LivePostFilters.Ids(
                termId.map(UUID::toString).orElse(null), null, authorId.map(UUID::toString).orElse(null)), 1);
        List<String> bodies = filters.bind(entityManager.createNativeQuery("select lp.body_json from live_post lp"
                        + " where lp.type = 'post'\n" + filters.sql() + " order by lp.published_at desc, lp.post_id desc"
                        + " limit ?" + filters.nextParameter()))
                .setParameter(filters.nextParameter(), limit)
                .getResultList();
        return bodies.stream().map(this::syndicated).toList();
    }

    /** Every live post and page, for a sitemap: newest first, posts before pages. */
    @SuppressWarnings("unchecked")
    public List<LiveAddress> addresses() {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select type, slug, published_at, snapshot_at from live_post
                order by type desc, published_at desc, post_id desc""").getResultList();
        return rows.stream().map(row -> new LiveAddress(String.valueOf(row[0]), (String) row[1],
                Times.toOffsetDateTime(row[2]), Times.toOffsetDateTime(row[3]))).toList();
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
            byId.put((UUID) row[0], Times.toOffsetDateTime(row[1]));
        }
        return byId;
    }

    private SyndicatedPost syndicated(String body) {
        try {
            return syndicated.readValue(body);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read a stored post", e);
        }
    }

    /**
     * The summaries are JSON already; only the envelope is assembled here. A keyset page has no
     * page number; every page has the cursor of the next one, if there is one.
     */
    private String envelope(List<String> summaries, PageRequest paging, ListCursor after, long total, ListCursor next) {
        Pagination pagination = after == null ? paging.pagination(total) : paging.pagination(total).withoutPage();
        return "{\"items\":[" + summaries.stream().map(links::summaryWithAddresses).collect(Collectors.joining(",")) + "],\"pagination\":"
                + json.write(pagination) + ",\"nextCursor\":" + (next == null ? "null" : json.write(next.encode())) + "}";
    }
}
