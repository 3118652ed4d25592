package io.inkwell.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.error.FieldError;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Snippets mark the words PostgreSQL's own {@code ts_headline} marks, from the marks a passage
 * keeps (V20), on text that the parser splits in unusual ways.
 */
@QuarkusTest
class SnippetTest {

    private static final List<String> PASSAGES = List.of(
            "Running runners ran; the runner runs fast.",
            "Visit https://example.com/docs/a-b?x=1 or write to me@example.org about foo-bar_baz and e-mail.",
            "Don't use <script>alert(1)</script> when 1 < 2 & 3 > 2, said O'Neil.",
            "Version v1.2-rc of /usr/local/bin/tool.sh runs 3.14 times at 10:30 on 2024-01-01.",
            "😀 Café au lait, Über-cool naïve résumé 😀 and Привет мир, x86_64 and C++ and U.S.A.",
            "Self-hosted, well-known, state-of-the-art co-op 42-nd street");

    private static final List<String> QUERIES = List.of(
            "run", "runner ru", "example", "exam", "example.com", "e-mail", "mail", "foo-bar", "foo ba",
            "script", "neil", "don't", "o'neil", "tool", "3.14", "v1.2-rc", "2024", "caf", "café", "über",
            "naïve résu", "привет", "x86", "self-hosted", "state of the art", "co", "the", "usr local",
            "/usr/local/bin/tool.sh");

    @Inject
    DataSource dataSource;

    @Inject
    EntityManager entityManager;

    @Test
    @Transactional
    void snippetsMarkTheWordsTsHeadlineMarks() {
        Set<String> marking = new TreeSet<>();
        for (String passage : PASSAGES) {
            for (String q : QUERIES) {
                SearchQuery query = SearchQuery.parse(q, new ArrayList<FieldError>()).orElseThrow();
                // The search's own query, as PostSearch builds it.
                Object[] row = (Object[]) entityManager.createNativeQuery("with query as (" + PostSearch.QUERY + """
                        )
                        select ts_headline(cast(?1 as regconfig), ?4, any_term, ?5),
                               search_passage_marks(?4, cast(?1 as regconfig), s.parser, s.compound, s.unindexed),
                               cast(any_term as text)
                        from query, search_passage_marks_setup(cast(?1 as regconfig)) s""")
                        .setParameter(1, "english").setParameter(2, query.wholeWords()).setParameter(3, query.lastWordOperand())
                        .setParameter(4, passage).setParameter(5, Snippet.HEADLINE_OPTIONS).getSingleResult();
                String expected = Snippet.fromHeadline((String) row[0]);
                String snippet = Snippet.html(passage, (String) row[1], Snippet.QueryWords.parse((String) row[2]));
                assertEquals(expected, snippet, "q=" + q + " in " + passage);
                if (snippet.contains("<mark>")) {
                    marking.add(q);
                }
            }
        }
        // Every query marks words in some passage (the comparison is not between two unmarked
        // texts) but stop words, a tag's name and the words inside a path, which ts_headline does
        // not mark either.
        Set<String> all = new TreeSet<>(QUERIES);
        all.removeAll(Set.of("the", "don't", "script", "tool", "usr local"));
        assertEquals(all, marking);
    }

    @Test
    void theQuerysWordsAreReadAsPostgresqlWritesThem() {
        Snippet.QueryWords words = Snippet.QueryWords.parse("'it''s' | 'a\\\\b':* | ( 'x':AB <-> 'y':*C ) & !'z'");
        assertEquals(List.of("it's", "x", "z"), words.whole());
        assertEquals(List.of("a\\b", "y"), words.prefixes());
        Predicate<String> matches = lexeme -> words.match("," + lexeme + ",", 1, lexeme.length() + 1);
        assertTrue(matches.test("yes") && matches.test("a\\bc") && matches.test("it's") && matches.test("x"));
        assertTrue(!matches.test("it") && !matches.test("xy") && !matches.test("a"));
        // Only the region counts: "x" of "xy" is the word x.
        assertTrue(words.match("xy", 0, 1) && !words.match("xy", 0, 2));
        assertEquals(List.of(), Snippet.QueryWords.parse("").whole());
    }

    /**
     * A thesaurus gives one lexeme for several words, ispell several numbers for a compound
     * word, and a last dictionary that takes only some words (synonyms, simple with accept =
     * false) none for the others: the words cannot be counted as to_tsvector numbers them, so
     * such a configuration gets no setup, and PassageMarker leaves its passages to ts_headline.
     * The samples ship with PostgreSQL.
     */
    @Test
    void configurationsWhoseWordsCannotBeCountedAreNotMarked() throws SQLException {
        String suffix = Long.toString(System.nanoTime());
        String thesaurus = "inkwell_thesaurus_" + suffix;
        String ispell = "inkwell_ispell_" + suffix;
        String synonyms = "inkwell_synonyms_" + suffix;
        String picky = "inkwell_picky_" + suffix;
        String accepting = "inkwell_accepting_" + suffix;
        // The asciiword mapping of a copy of english, and whether its passages can be marked.
        Map<String, Boolean> mappings = new LinkedHashMap<>();
        mappings.put(thesaurus + ", english_stem", false);
        mappings.put(ispell + ", english_stem", false);
        mappings.put(synonyms, false);
        mappings.put(picky, false);
        mappings.put(synonyms + ", english_stem", true);
        mappings.put(synonyms + ", " + accepting, true);
        mappings.put("english_stem", true);
        try (Connection connection = dataSource.getConnection(); var statement = connection.createStatement()) {
            statement.execute("create text search dictionary " + thesaurus
                    + " (template = thesaurus, dictfile = thesaurus_sample, dictionary = english_stem)");
            statement.execute("create text search dictionary " + ispell + " (template = ispell, dictfile = ispell_sample, afffile = ispell_sample)");
            statement.execute("create text search dictionary " + synonyms + " (template = synonym, synonyms = synonym_sample)");
            statement.execute("create text search dictionary " + picky + " (template = simple, accept = false)");
            statement.execute("create text search dictionary " + accepting + " (template = simple, accept = true)");
            try {
                int n = 0;
                for (Map.Entry<String, Boolean> mapping : mappings.entrySet()) {
                    String configuration = "inkwell_config_" + suffix + "_" + n++;
                    statement.execute("create text search configuration " + configuration + " (copy = english)");
                    statement.execute("alter text search configuration " + configuration + " alter mapping for asciiword with " + mapping.getKey());
                    try (ResultSet setup = statement.executeQuery(
                            "select count(*) from search_passage_marks_setup('" + configuration + "')")) {
                        setup.next();
                        assertEquals(mapping.getValue() ? 1 : 0, setup.getInt(1), mapping.getKey());
                    } finally {
                        statement.execute("drop text search configuration " + configuration);
                    }
                }
                try (ResultSet setup = statement.executeQuery("select count(*) from search_passage_marks_setup(cast(1 as regconfig))")) {
                    setup.next();
                    assertEquals(0, setup.getInt(1), "a configuration that does not exist");
                }
            } finally {
                for (String dictionary : List.of(thesaurus, ispell, synonyms, picky, accepting)) {
                    statement.execute("drop text search dictionary " + dictionary);
                }
            }
        }
    }

    @Test
    void tsHeadlinesAnswerIsEscapedWithOnlyTheMatchesMarked() {
        assertEquals("a &lt;b&gt; <mark>c&amp;d</mark> e", Snippet.fromHeadline("a <b> \u0002c&d\u0003 e"));
    }
}
