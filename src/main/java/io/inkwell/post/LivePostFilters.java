package io.inkwell.post;

/**
 * The SQL that narrows live posts ({@code lp}) to one tag, category and author, each optional:
 * one place for the posts list, search and feeds. Ids are bound as text (null: no filter), since
 * a null UUID parameter of a native query has no type PostgreSQL can cast.
 */
final class LivePostFilters {

    private LivePostFilters() {
    }

    /** {@code and ...} conditions on the term parameters {@code ?t1}, {@code ?t2} and the author parameter {@code ?a}. */
    static String termsAndAuthor(int firstTerm, int secondTerm, int author) {
        return term(firstTerm) + term(secondTerm) + """
                and (cast(?%1$d as text) is null or exists (select 1 from live_post_author la
                     where la.post_id = lp.post_id and la.author_id = cast(cast(?%1$d as text) as uuid)))
                """.formatted(author);
    }

    /** {@code and ...} conditions on one term parameter and the author parameter. */
    static String termAndAuthor(int term, int author) {
        return term(term) + """
                and (cast(?%1$d as text) is null or exists (select 1 from live_post_author la
                     where la.post_id = lp.post_id and la.author_id = cast(cast(?%1$d as text) as uuid)))
                """.formatted(author);
    }

    private static String term(int parameter) {
        return """
                and (cast(?%1$d as text) is null or exists (select 1 from live_post_term lt
                     where lt.post_id = lp.post_id and lt.term_id = cast(cast(?%1$d as text) as uuid)))
                """.formatted(parameter);
    }
}
