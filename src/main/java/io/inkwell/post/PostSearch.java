package io.inkwell.post;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.paging.Pagination;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.Slots;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Full-text search over live posts and pages, best match first, at a cost that grows with the
 * page and the matches outside the body rather than with every match. A query that matches at
 * most {@link #RANKED_MATCHES} posts has every match ranked by {@code ts_rank} over the weighted
 * vector (title A, tags and categories B, excerpt C, body D, see V11), normalized to 0..1, equal
 * ranks newest first, and an exact total. One that matches more (a common word, or a short
 * prefix, on a large blog) would rank and count every match for each request: it ranks only the
 * matches with a word of the query in the title, a tag or category name, or an excerpt the
 * author wrote (one cut from the body's opening is body text), and lists the others, found in
 * the body only, newest first after them (the order a reader of a blog expects; WordPress's
 * search sorts the same way), walking the posts by date only as far as the page reaches (ties
 * by id, in the order of the index, so pages never overlap); its total is a lower bound. Not
 * {@code ts_rank_cd}: {@code ts_rank} takes about half the time, while still rewarding the words
 * of a query found close together. Only the page's rows get a snippet: the first passage of the
 * body (cut when it was written, V19) that holds a word of the query, with those words marked
 * ({@link Snippet}).
 */
@ApplicationScoped
class PostSearch {

    /** A query matching more posts than this ranks only those matching outside the body (above). */
    static final int RANKED_MATCHES = 100;
    /*
     * Searches waiting for a slot; the next gets a 503 at once. At a few milliseconds a search,
     * a queue this long clears within a fraction of a second, and it leaves most of the worker
     * threads (200 by default) to writes and other reads while a client floods the search.
     */
    static final int MAX_WAITING_SEARCHES = 64;

    /*
     * As a scalar subquery the query is built once per search; written inline with bound
     * parameters, a generic plan (which pgjdbc's prepared statements get after a few runs)
     * parses and stems it again for every row it tests.
     */
    private static final String TSQUERY = "plainto_tsquery(cast(?1 as regconfig), ?2) && to_tsquery(cast(?1 as regconfig), ?3)";
    /*
     * The query (?1 language, ?2 all words but the last, ?3 the last): terms, the tsquery that
     * must match, and any_term, the same words any one of which marks a snippet or puts a match
     * among the ranked ones. SnippetTest reads the same any_term.
     */
    static final String QUERY = "select terms, cast(replace(cast(terms as text), ' & ', ' | ') as tsquery) as any_term from (select "
            + TSQUERY + " as terms) typed";
    /*
     * A post's rank: every tier ranks the same way (title A, tags and categories B, excerpt C,
     * body D; 32: rank / (rank + 1), so every rank is between 0 and 1).
     */
    private static final String RANK = "ts_rank(lp.search_vector, (select terms from query), 32)";
    /* Where the conditions of the filters that are set go (LivePostFilters.setOnly, from ?8). */
    private static final String FILTERS = "{filters}";
    /*
     * query: QUERY, the words as the tsquery that must match and as any one of them.
     * head: the matches with a word of the query in the title, a tag or category name or the
     * author's own excerpt, ranked. Its rows are made as they are read, so the table is read only
     * as far as they are needed (the GIN index of the heads is read whole first, as a bitmap). When
     * the query matches 100 posts or fewer, the ranks it made are not used (every match is ranked
     * again below): ts_rank is about half a microsecond a row.
     * matches: how many posts match, counted up to one past RANKED_MATCHES (?6). When head alone
     * reaches that many, it is enough, and the count over the whole index (half a millisecond
     * for a typed prefix, a fifth of a search) is never run (CASE evaluates only the branch it
     * takes). The price: a query that matches few posts, one of its words common in titles,
     * reads every post with that word in its head before counting (on a blog with that word in
     * 5,000 titles, some 15 ms), as the ranked tier of a query matching many already did.
     * candidates: the matches in order, from one of three branches (the body-only ones only as
     * far as one past this page: whether another page follows); each branch's condition on
     * matches.counted does not depend on a row, so
     * PostgreSQL runs only the branches it holds for. The body-only matches are read from the
     * date index: @@ as a function call (ts_match_vq) is not an index condition, so it is tested
     * on each post in date order rather than found through the GIN index and sorted (with bound
     * parameters the planner cannot tell that a query matches most posts).
     * hits: this page's. The page is left-joined to one row, so that past the last page the
     * counts still come back. The rank goes out as double precision: for a real column Hibernate
     * (7.2) builds a type it cannot register after startup, and throws and catches an exception
     * doing so, on every search.
     * The snippet: the first passage with a word of the query, with its marks (where each word
     * is and what it is indexed as, V20), and the query's words as text: Snippet marks them in
     * Java (ts_headline parsed and stemmed each passage again: a quarter of the search's time in
     * PostgreSQL). A passage written in the last second or so has no marks yet (PassageMarker):
     * ts_headline marks it. With no such passage (a match in the title, a tag or the excerpt
     * only), the body's first passage, unmarked. Its words are tested with ts_match_vq too:
     * with @@ the planner expects almost no passage to match, and reads and sorts all of a
     * post's passages rather than reading them in order up to the first that does (three times
     * as long).
     */
    private static final String PAGE = """
            with query as (%1$s),
            head as (
                select lp.post_id, lp.published_at, %3$s as rank
                from live_post lp
                where lp.head_vector @@ (select any_term from query) and lp.search_vector @@ (select terms from query)
                %2$s),
            matches as (
                select case when (select count(*) from (select 1 from head limit ?6 + 1) probe) > ?6 then ?6 + 1
                            else (select count(*)
                                  from (select 1 from live_post lp where lp.search_vector @@ (select terms from query)
                                        %2$s
                                        limit ?6 + 1) matched)
                       end as counted),
            candidates as (
                select h.post_id, h.published_at, h.rank,
                       row_number() over (order by h.tier, h.rank desc, h.published_at desc, h.post_id desc) as position
                from (select lp.post_id, lp.published_at, %3$s as rank, 0 as tier
                      from live_post lp
                      where (select counted from matches) <= ?6 and lp.search_vector @@ (select terms from query)
                      %2$s
                      union all
                      select post_id, published_at, rank, 0 from head where (select counted from matches) > ?6
                      union all
                      select * from (
                          select lp.post_id, lp.published_at, cast(null as real), 1
                          from live_post lp
                          where (select counted from matches) > ?6 and ts_match_vq(lp.search_vector, (select terms from query))
                            and not ts_match_vq(lp.head_vector, (select any_term from query))
                          %2$s
                          order by lp.published_at desc, lp.post_id desc
                          limit cast(?4 as bigint) + ?5 + 1) body_only) h),
            hits as (select * from candidates order by position limit ?4 offset ?5)
            select page.summary_json, cast(page.rank as double precision), page.passage, page.marks, page.headline,
                   (select counted from matches), (select count(*) from candidates), cast((select any_term from query) as text)
            from (select 1) counts left join lateral (
            select hits.position, lp.summary_json, coalesce(hits.rank, %3$s) as rank,
                   coalesce(matched.passage,
                            (select p.passage from live_post_passage p where p.post_id = lp.post_id order by p.ordinal limit 1),
                            '') as passage,
                   matched.marks, matched.headline
            from hits join live_post lp on lp.post_id = hits.post_id
            left join lateral (select p.passage, p.marks,
                                      case when p.marks is null
                                           then ts_headline(cast(?1 as regconfig), p.passage, (select any_term from query), ?7)
                                      end as headline
                               from live_post_passage p
                               where p.post_id = lp.post_id and ts_match_vq(p.words, (select any_term from query))
                               order by p.ordinal limit 1) matched on true) page on true
            order by page.position
            """.formatted(QUERY, FILTERS, RANK);

    private final EntityManager entityManager;
    private final Json json;
    private final LivePostFilters listFilters;
    private final PostSearchIndex index;
    private final PostLinks links;
    /*
     * A search that misses the cache keeps a core busy between this JVM and PostgreSQL; eight at
     * once on two cores made each take four times as long and the slowest ten times as long
     * (p99 110 ms against p50 14 ms). In turn, the slowest take two to three times the typical.
     */
    private final Slots slots;

    PostSearch(EntityManager entityManager, Json json, LivePostFilters listFilters, PostSearchIndex index,
            PostLinks links, InkwellConfig config) {
        this.slots = new Slots(config.search().maxConcurrent().orElse(Runtime.getRuntime().availableProcessors() + 1),
                config.search().slotWait(), MAX_WAITING_SEARCHES, "The server is busy with other searches; retry in a few seconds.");
        this.links = links;
        this.entityManager = entityManager;
        this.json = json;
        this.listFilters = listFilters;
        this.index = index;
    }

    /**
     * A page of results as the Content API sends it. Filters name a tag, category or author by
     * slug, as on the posts list; one that does not exist matches nothing.
     */
    String searchJson(SearchQuery query, ListFilter filter, PageRequest paging) {
        return slots.call(() -> page(query, filter, paging));
    }

    private String page(SearchQuery query, ListFilter filter, PageRequest paging) {
        Optional<LivePostFilters.Ids> ids = listFilters.ids(filter);
        if (ids.isEmpty()) {
            return envelope(List.of(), paging.pagination(0), false);
        }
        LivePostFilters.SetConditions filters = LivePostFilters.setOnly(ids.get(), 8);
        Query page = entityManager.createNativeQuery(PAGE.replace(FILTERS, filters.sql()))
                .setParameter(1, index.language()).setParameter(2, query.wholeWords())
                .setParameter(3, query.lastWordOperand())
                .setParameter(4, paging.limit()).setParameter(5, paging.offset())
                .setParameter(6, RANKED_MATCHES).setParameter(7, Snippet.HEADLINE_OPTIONS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filters.bind(page).getResultList();
        Snippet.QueryWords words = Snippet.QueryWords.parse((String) rows.get(0)[7]);
        List<String> items = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            if (row[0] != null) {
                String snippet = row[4] != null ? Snippet.fromHeadline((String) row[4])
                        : Snippet.html((String) row[2], (String) row[3], words);
                items.add(item((String) row[0], ((Number) row[1]).doubleValue(), snippet));
            }
        }
        long counted = ((Number) rows.get(0)[5]).longValue();
        long candidates = ((Number) rows.get(0)[6]).longValue();
        if (counted <= RANKED_MATCHES) {
            return envelope(items, paging.pagination(counted), false);
        }
        // Not counted past RANKED_MATCHES: the candidates reach one past this page when another
        // follows, and are all the matches when they do not.
        long pageEnd = (long) paging.offset() + paging.limit();
        boolean more = candidates > pageEnd;
        return envelope(items, paging.pagination(more ? Math.max(pageEnd + 1, RANKED_MATCHES + 1) : candidates), more);
    }

    /** The list's summary JSON, stored at publish time, with the rank and snippet added. */
    private String item(String summaryJson, double rank, String snippet) {
        String summary = links.summaryWithAddresses(summaryJson).strip();
        return summary.substring(0, summary.length() - 1) + ",\"rank\":" + json.write(Math.round(rank * 1e6) / 1e6)
                + ",\"snippet\":" + json.write(snippet) + "}";
    }

    private String envelope(List<String> items, Pagination pagination, boolean totalIsLowerBound) {
        return "{\"items\":[" + String.join(",", items) + "],\"pagination\":"
                + json.write(new SearchPagination(pagination, totalIsLowerBound)) + "}";
    }
}
