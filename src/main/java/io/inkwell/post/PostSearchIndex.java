package io.inkwell.post;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.term.Term;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What a live snapshot is found by, written with the snapshot: its title, tag and category
 * names, excerpt and body as plain text, and the text search configuration (language) they are
 * read in. PostgreSQL weighs them into the snapshot's generated {@code search_vector} (V11).
 */
@ApplicationScoped
class PostSearchIndex {

    private static final Logger LOG = Logger.getLogger(PostSearchIndex.class);
    /** The snippet markers ({@link PostSearch}) are control characters, so the text has none. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f]+");

    private final EntityManager entityManager;
    private final ContentGeneration generation;
    private final String language;

    PostSearchIndex(EntityManager entityManager, ContentGeneration generation, InkwellConfig config) {
        this.entityManager = entityManager;
        this.generation = generation;
        this.language = config.search().language().strip();
    }

    /** INKWELL_SEARCH_LANGUAGE: the text search configuration of the index and of every query. */
    String language() {
        return language;
    }

    void index(LivePost snapshot, PostState state, String html, List<Term> terms) {
        snapshot.searchLanguage = language;
        snapshot.searchTitle = clean(state.title());
        snapshot.searchTerms = clean(terms.stream().map(term -> term.name).collect(Collectors.joining(" ")));
        snapshot.searchExcerpt = clean(state.excerpt());
        snapshot.searchOwnExcerpt = clean(state.customExcerpt());
        snapshot.searchBody = clean(HtmlSanitizer.plainText(html == null ? "" : html));
    }

    /**
     * Refuses to start with a language PostgreSQL does not know (every search would fail), and
     * re-indexes the snapshots indexed in another one: a changed language takes effect at once.
     */
    @Transactional
    void checkLanguage(@Observes StartupEvent event) {
        requireKnown(language);
        int reindexed = reindex(language);
        if (reindexed > 0) {
            LOG.infof("Re-indexed %d published posts and pages for search in %s.", reindexed, language);
        }
    }

    void requireKnown(String name) {
        @SuppressWarnings("unchecked")
        List<String> known = entityManager.createNativeQuery(
                "select cfgname::text from pg_ts_config where pg_ts_config_is_visible(oid) order by 1").getResultList();
        if (!known.contains(name)) {
            throw new IllegalStateException("INKWELL_SEARCH_LANGUAGE=" + name
                    + " is not a text search configuration of this database; it knows " + String.join(", ", known) + ".");
        }
    }

    /** Indexes every snapshot not indexed in {@code name} in it (PostgreSQL recomputes the vector). */
    @Transactional
    int reindex(String name) {
        int reindexed = entityManager.createNativeQuery(
                "update live_post set search_language = cast(?1 as regconfig) where search_language <> cast(?1 as regconfig)")
                .setParameter(1, name).executeUpdate();
        if (reindexed > 0) {
            generation.changed(ContentKeys.SEARCH);
        }
        return reindexed;
    }

    private static String clean(String text) {
        return text == null ? "" : CONTROL.matcher(text).replaceAll(" ").strip();
    }
}
