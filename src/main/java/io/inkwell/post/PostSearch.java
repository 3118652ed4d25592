package io.inkwell.post;

import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.owasp.html.Encoding;

/**
 * Full-text search over live posts and pages, best match first. Ranked by {@code ts_rank}
 * over the weighted vector (title A, tags and categories B, excerpt C, body D, see V11),
 * normalized to 0..1; equal ranks go newest first. Not {@code ts_rank_cd}: a common word
 * matches most posts, every match is ranked, and {@code ts_rank} takes about half the time,
 * while still rewarding the words of a query found close together. Only the page's rows get a
 * snippet, and it is cut from a passage of the body around the first match rather than from the
 * whole body, since {@code ts_headline} parses all the text it is given.
 */
@ApplicationScoped
class PostSearch {

    /*
     * The snippet marks its matches with control characters, which the indexed text never holds
     * (PostSearchIndex); the text between them is HTML-escaped, then they become <mark> tags. So
     * a body that shows "<script>" as text gives a snippet that shows it as text too.
     */
    private static final String START = "\u0002";
    private static final String STOP = "\u0003";
    private static final String HEADLINE_OPTIONS = "StartSel=" + START + ", StopSel=" + STOP
            + ", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=\" … \"";
    /* The passage a snippet is cut from: this many characters, from this many before the first match. */
    private static final int PASSAGE_CHARS = 600;
    private static final int PASSAGE_LEAD_CHARS = 120;
    /*
     * As a scalar subquery the query is built once per search; written inline with bound
     * parameters, a generic plan (which pgjdbc's prepared statements get after a few runs)
     * parses and stems it again for every row it tests.
     */
    private static final String TSQUERY = "plainto_tsquery(cast(?1 as regconfig), ?2) && to_tsquery(cast(?1 as regconfig), ?3)";
    /* The conditions of the filters that are set follow (LivePostFilters.setOnly, from ?4). */
    private static final String MATCHES = "from live_post lp where lp.search_vector @@ (select " + TSQUERY + ")\n";
    /*
     * query: the words as the tsquery that must match (terms); the same words any one of which
     * is marked in a snippet (any_term: a passage need not hold all of them); and how each word
     * begins in the text (word_starts: its lexeme, less a final e or i, which stemming may add or
     * put for a y, as in "hope" for "hoping" and "happi" for "happy"), to find the passage without
     * parsing the body.
     * hits: rank is computed below the window function, so the rows it keeps for the total are
     * narrow rather than carrying each vector (~6 KB, which spilled to disk).
     * The snippet: the passage around the first place a word begins; if it marks nothing (that
     * place was another word) but the body does match, the whole body, as before.
     * 32: rank / (rank + 1), so every rank is between 0 and 1.
     */
    private static final String PAGE_START = """
            with query as (
                select terms, cast(replace(cast(terms as text), ' & ', ' | ') as tsquery) as any_term,
                       array(select regexp_replace(lexeme, '^(...+)[ei]$', '\\1')
                             from unnest(tsvector_to_array(to_tsvector(cast(?1 as regconfig), ?7))) lexeme) as word_starts
                from (select %s as terms) typed),
            hits as (
                select m.post_id, m.published_at, m.rank, count(*) over () as total
                from (select lp.post_id, lp.published_at, ts_rank(lp.search_vector, (select terms from query), 32) as rank
                      from live_post lp where lp.search_vector @@ (select terms from query)
                      """.formatted(TSQUERY);
    /* The conditions of the filters that are set go between the two (LivePostFilters.setOnly, from ?8). */
    private static final String PAGE_END = """
                      offset 0) m
                order by m.rank desc, m.published_at desc, m.post_id
                limit ?4 offset ?5)
            select lp.summary_json, hits.rank,
                   case when strpos(passage.headline, '%1$s') > 0
                             or not ts_filter(lp.search_vector, cast(array['d'] as "char"[])) @@ (select any_term from query)
                        then passage.headline
                        else ts_headline(cast(?1 as regconfig), lp.search_body, (select any_term from query), ?6) end,
                   hits.total
            from hits join live_post lp on lp.post_id = hits.post_id
            cross join lateral (
                select ts_headline(cast(?1 as regconfig), %2$s, (select any_term from query), ?6) as headline
                from (select min(nullif(strpos(body.words, ' ' || word_start), 0)) as at
                      from (select ' ' || lower(lp.search_body) || ' ' as words offset 0) body,
                           unnest((select word_starts from query)) word_start) first
                offset 0) passage
            order by hits.rank desc, hits.published_at desc, hits.post_id
            """.formatted(START, passage());

    private final EntityManager entityManager;
    private final Json json;
    private final LivePostFilters listFilters;
    private final PostSearchIndex index;
    private final PostLinks links;

    PostSearch(EntityManager entityManager, Json json, LivePostFilters listFilters, PostSearchIndex index,
            PostLinks links) {
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
        Optional<LivePostFilters.Ids> ids = listFilters.ids(filter);
        if (ids.isEmpty()) {
            return envelope(List.of(), paging, 0);
        }
        LivePostFilters.SetConditions filters = LivePostFilters.setOnly(ids.get(), 8);
        Query page = entityManager.createNativeQuery(PAGE_START + filters.sql() + PAGE_END)
                .setParameter(1, index.language()).setParameter(2, query.wholeWords())
                .setParameter(3, query.lastWordOperand())
                .setParameter(4, paging.limit()).setParameter(5, paging.offset()).setParameter(6, HEADLINE_OPTIONS)
                .setParameter(7, query.text());
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filters.bind(page).getResultList();
        List<String> items = new ArrayList<>(rows.size());
        long total = 0;
        for (Object[] row : rows) {
            items.add(item((String) row[0], ((Number) row[1]).doubleValue(), (String) row[2]));
            total = ((Number) row[3]).longValue();
        }
        if (rows.isEmpty() && paging.offset() > 0) {
            // Past the last page the window has no row to count on.
            LivePostFilters.SetConditions countFilters = LivePostFilters.setOnly(ids.get(), 4);
            Query count = entityManager.createNativeQuery("select count(*) " + MATCHES + countFilters.sql())
                    .setParameter(1, index.language()).setParameter(2, query.wholeWords())
                    .setParameter(3, query.lastWordOperand());
            total = ((Number) countFilters.bind(count).getSingleResult()).longValue();
        }
        return envelope(items, paging, total);
    }

    /**
     * The words of the body from about {@link #PASSAGE_LEAD_CHARS} before the first match, or of
     * its opening when no word was found: the cut is taken from the body between two spaces
     * (where first.at, found in the same text, points at the space before the word) and shrunk to
     * whole words, so no snippet starts or ends with part of one.
     */
    private static String passage() {
        return """
                coalesce(substring(substr(' ' || lp.search_body || ' ', greatest(1, coalesce(first.at, 1) - %2$d), %1$d)
                                   from '\\s(.*)\\s'), left(lp.search_body, %1$d))""".formatted(PASSAGE_CHARS, PASSAGE_LEAD_CHARS);
    }

    /** The list's summary JSON, stored at publish time, with the rank and snippet added. */
    private String item(String summaryJson, double rank, String headline) {
        String summary = links.addTo(summaryJson).strip();
        return summary.substring(0, summary.length() - 1) + ",\"rank\":" + json.write(Math.round(rank * 1e6) / 1e6)
                + ",\"snippet\":" + json.write(snippet(headline)) + "}";
    }

    /** The headline as safe HTML: escaped text, with only the matches marked up. */
    static String snippet(String headline) {
        StringBuilder html = new StringBuilder(headline.length() + 32);
        try {
            for (String part : headline.split(START, -1)) {
                int stop = part.indexOf(STOP);
                if (stop < 0) {
                    Encoding.encodeRcdataOnto(part, html);
                } else {
                    html.append("<mark>");
                    Encoding.encodeRcdataOnto(part.substring(0, stop), html);
                    html.append("</mark>");
                    Encoding.encodeRcdataOnto(part.substring(stop + 1).replace(STOP, ""), html);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("A StringBuilder does not fail", e);
        }
        return html.toString();
    }

    private String envelope(List<String> items, PageRequest paging, long total) {
        return "{\"items\":[" + String.join(",", items) + "],\"pagination\":" + json.write(paging.pagination(total)) + "}";
    }
}
