package io.inkwell.common.slug;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Gives the tags, categories and authors stored before V23 their name keys
 * ({@link NamedReferences#key}), once, at start, before the server serves: names are looked up
 * by key. Several instances starting together write the same keys.
 */
@ApplicationScoped
public class NameKeys {

    private static final Logger LOG = Logger.getLogger(NameKeys.class);
    private static final int BATCH = 500;

    private final EntityManager entityManager;

    public NameKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    public void fill(@Observes StartupEvent event) {
        int filled = 0;
        for (String table : List.of("term", "author")) {
            for (int done = fillBatch(table); done > 0; done = fillBatch(table)) {
                filled += done;
            }
        }
        if (filled > 0) {
            LOG.infof("Gave %d tags, categories and authors their name keys", filled);
        }
        warnOfNamesBorneTwice();
    }

    /**
     * Names two bear, from before the Admin API refused them (any case before V21, look-alikes
     * before V23): a post naming one gets the oldest, and an import of this server's export fails
     * until one of them is renamed. The operator is told at every start, until then.
     */
    @Transactional
    void warnOfNamesBorneTwice() {
        @SuppressWarnings("unchecked")
        List<Object[]> twice = entityManager.createNativeQuery("""
                select kind, string_agg(slug, ', ' order by slug) from (
                    select taxonomy as kind, name_key, slug from term
                    union all
                    select 'author', name_key, slug from author) as named
                where name_key is not null group by kind, name_key having count(*) > 1 order by 1, 2 limit 100""")
                .getResultList();
        for (Object[] row : twice) {
            LOG.warnf("The %s slugs %s bear one name; rename all but one: a post naming it gets the oldest, and an "
                    + "import of an export fails on data/inkwell/taxonomies.json", row[0], row[1]);
        }
    }

    /** @return how many rows it gave keys to */
    @Transactional
    int fillBatch(String table) {
        // The table is one of ours, never the client's text.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("select id, name from " + table
                + " where name_key is null limit " + BATCH).getResultList();
        for (Object[] row : rows) {
            entityManager.createNativeQuery("update " + table + " set name_key = ?1 where id = ?2")
                    .setParameter(1, NamedReferences.key((String) row[1])).setParameter(2, (UUID) row[0]).executeUpdate();
        }
        return rows.size();
    }
}
