package io.inkwell.common.db;

import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Published posts per author or term, from the links of the live snapshots. */
public final class PublishedCounts {

    private PublishedCounts() {
    }

    /**
     * @param linkTable {@code live_post_author} or {@code live_post_term} (code, never client text)
     * @param column    its column holding the ids
     */
    @SuppressWarnings("unchecked")
    public static Map<UUID, Long> of(EntityManager entityManager, String linkTable, String column, List<UUID> ids) {
        Map<UUID, Long> counts = new HashMap<>();
        if (ids.isEmpty()) {
            return counts;
        }
        List<Object[]> rows = entityManager.createNativeQuery("select " + column + ", count(*) from " + linkTable
                        + " where " + column + " in (?1) group by " + column)
                .setParameter(1, ids)
                .getResultList();
        for (Object[] row : rows) {
            counts.put((UUID) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
