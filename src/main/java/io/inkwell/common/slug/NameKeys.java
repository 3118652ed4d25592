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
