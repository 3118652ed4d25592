package io.inkwell.post;

import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.owasp.html.Encoding;

/**
 * Full-text search over live posts and pages, best match first. Ranked by {@code ts_rank_cd}
 * over the weighted vector (title A, tags and categories B, excerpt C, body D, see V11),
 * normalized to 0..1; equal ranks go newest first. Only the page's rows get a snippet, since
 * {@code ts_headline} reads the whole body.
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
    private static final String TSQUERY = "(plainto_tsquery(cast(?1 as regconfig), ?2) && to_tsquery(cast(?1 as regconfig), ?3))";
    private static final String MATCHES = "from live_post lp where lp.search_vector @@ " + TSQUERY + "\n"
            + LivePostFilters.termsAndAuthor(4, 5, 6);
    // 32: rank / (rank + 1), so every rank is between 0 and 1.
    private static final String PAGE = """
            with hits as (
                select lp.post_id, lp.published_at, ts_rank_cd(lp.search_vector, %s, 32) as rank,
                       count(*) over () as total
                %s
                order by rank desc, lp.published_at desc, lp.post_id
                limit ?7 offset ?8)
            select lp.summary_json, hits.rank, ts_headline(cast(?1 as regconfig), lp.search_body, %s, ?9), hits.total
            from hits join live_post lp on lp.post_id = hits.post_id
            order by hits.rank desc, hits.published_at desc, hits.post_id
            """.formatted(TSQUERY, MATCHES, TSQUERY);

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
        String tagFilter = ids.get().tag();
        String categoryFilter = ids.get().category();
        String authorFilter = ids.get().author();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery(PAGE)
                .setParameter(1, index.language()).setParameter(2, query.wholeWords())
                .setParameter(3, query.lastWordOperand())
                .setParameter(4, tagFilter).setParameter(5, categoryFilter).setParameter(6, authorFilter)
                .setParameter(7, paging.limit()).setParameter(8, paging.offset()).setParameter(9, HEADLINE_OPTIONS)
                .getResultList();
        List<String> items = new ArrayList<>(rows.size());
        long total = 0;
        for (Object[] row : rows) {
            items.add(item((String) row[0], ((Number) row[1]).doubleValue(), (String) row[2]));
            total = ((Number) row[3]).longValue();
        }
        if (rows.isEmpty() && paging.offset() > 0) {
            // Past the last page the window has no row to count on.
            total = ((Number) entityManager.createNativeQuery("select count(*) " + MATCHES)
                    .setParameter(1, index.language()).setParameter(2, query.wholeWords())
                    .setParameter(3, query.lastWordOperand())
                    .setParameter(4, tagFilter).setParameter(5, categoryFilter).setParameter(6, authorFilter)
                    .getSingleResult()).longValue();
        }
        return envelope(items, paging, total);
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
