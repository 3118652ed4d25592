package io.inkwell.post;

import io.inkwell.author.AuthorService;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.TermService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What narrows live posts ({@code lp}) to one tag, category and author, each optional: one place
 * for the posts list, search and feeds. Only the filters that are set become conditions: without
 * an {@code is null or} for each one that is not, a prepared statement's generic plan costs what
 * its custom plans do, so PostgreSQL keeps it rather than planning the statement again every
 * time. Ids are bound as text and cast, as the other parameters of these native queries are.
 */
@ApplicationScoped
class LivePostFilters {

    /** A filter's ids as query parameters: text, null where it names nothing. */
    record Ids(String tag, String category, String author) {
    }

    private final TermService terms;
    private final AuthorService authors;

    LivePostFilters(TermService terms, AuthorService authors) {
        this.terms = terms;
        this.authors = authors;
    }

    /** The filter's ids; empty when it names a tag, category or author that does not exist (it matches nothing). */
    Optional<Ids> ids(ListFilter filter) {
        Optional<UUID> tag = filter.tag() == null ? Optional.empty() : terms.idOf(Taxonomy.TAG, filter.tag());
        Optional<UUID> category = filter.category() == null ? Optional.empty()
                : terms.idOf(Taxonomy.CATEGORY, filter.category());
        Optional<UUID> author = filter.author() == null ? Optional.empty() : authors.idOf(filter.author());
        if ((filter.tag() != null && tag.isEmpty()) || (filter.category() != null && category.isEmpty())
                || (filter.author() != null && author.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new Ids(text(tag), text(category), text(author)));
    }

    private static String text(Optional<UUID> id) {
        return id.map(UUID::toString).orElse(null);
    }

    /** The {@code and ...} conditions of the filters that are set, and the values of their parameters in order. */
    record SetConditions(String sql, List<String> parameters, int firstParameter) {

        /** The number of the first parameter after these. */
        int nextParameter() {
            return firstParameter + parameters.size();
        }

        /** Binds this filter's parameters to the query. */
        Query bind(Query query) {
            for (int i = 0; i < parameters.size(); i++) {
                query.setParameter(firstParameter + i, parameters.get(i));
            }
            return query;
        }
    }

    /**
     * {@code and ...} conditions on only the filters that are set, their parameters numbered from
     * {@code firstParameter} in the order tag, category, author.
     */
    static SetConditions setOnly(Ids ids, int firstParameter) {
        StringBuilder sql = new StringBuilder();
        List<String> parameters = new ArrayList<>(3);
        for (String term : Arrays.asList(ids.tag(), ids.category())) {
            if (term != null) {
                sql.append("and ").append(hasTerm(firstParameter + parameters.size())).append('\n');
                parameters.add(term);
            }
        }
        if (ids.author() != null) {
            sql.append("and ").append(hasAuthor(firstParameter + parameters.size())).append('\n');
            parameters.add(ids.author());
        }
        return new SetConditions(sql.toString(), parameters, firstParameter);
    }

    private static String hasTerm(int parameter) {
        return ("exists (select 1 from live_post_term lt"
                + " where lt.post_id = lp.post_id and lt.term_id = cast(cast(?%d as text) as uuid))").formatted(parameter);
    }

    private static String hasAuthor(int parameter) {
        return ("exists (select 1 from live_post_author la"
                + " where la.post_id = lp.post_id and la.author_id = cast(cast(?%d as text) as uuid))").formatted(parameter);
    }
}
