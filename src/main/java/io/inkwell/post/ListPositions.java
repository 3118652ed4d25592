package io.inkwell.post;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Where each post of a Content API list stands, newest first: the publication time and id of
 * every row of the list, read once after the list changed (its surrogate key) rather than
 * counted and skipped over for every page built. Page n then starts after position
 * (n - 1) x limit, so a page by number costs what a page by cursor does however deep it is, and
 * the number of positions is the list's total.
 */
@ApplicationScoped
class ListPositions {

    /** Three longs a post: 68,000 posts take 1.6 MB; all lists together are kept under this. */
    private static final long MAX_BYTES = 16L << 20;
    private static final int BYTES_PER_POSITION = 3 * Long.BYTES;

    private final EntityManager entityManager;
    private final ContentGeneration generation;
    private final Cache<Key, Positions> lists = Caffeine.newBuilder()
            .maximumWeight(MAX_BYTES)
            .weigher((Key key, Positions positions) -> 64 + positions.size() * BYTES_PER_POSITION)
            .build();

    ListPositions(EntityManager entityManager, ContentGeneration generation) {
        this.entityManager = entityManager;
        this.generation = generation;
    }

    /** The positions of the live posts of this type that pass these filters, current as of now. */
    Positions of(String type, LivePostFilters.Ids filter) {
        List<String> keys = List.of(ContentKeys.listOf(type));
        // compute() reads a list once while other requests for it wait, not once per request.
        return lists.asMap().compute(new Key(type, filter), (key, known) ->
                known != null && generation.unchangedSince(known.builtAt, keys) ? known : read(type, filter));
    }

    private Positions read(String type, LivePostFilters.Ids filter) {
        long builtAt = generation.now();
        LivePostFilters.SetConditions filters = LivePostFilters.setOnly(filter, 2);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = filters.bind(entityManager.createNativeQuery("""
                select cast(extract(epoch from lp.published_at) * 1000000 as bigint), lp.post_id
                from live_post lp where lp.type = ?1
                """ + filters.sql() + " order by lp.published_at desc, lp.post_id desc")
                .setParameter(1, type)).getResultList();
        long[] micros = new long[rows.size()];
        long[] idHigh = new long[rows.size()];
        long[] idLow = new long[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            micros[i] = ((Number) rows.get(i)[0]).longValue();
            UUID id = (UUID) rows.get(i)[1];
            idHigh[i] = id.getMostSignificantBits();
            idLow[i] = id.getLeastSignificantBits();
        }
        return new Positions(builtAt, micros, idHigh, idLow);
    }

    private record Key(String type, LivePostFilters.Ids filter) {
    }

    /** A list's positions in order; parallel arrays, so a large list is three arrays, not 68,000 objects. */
    static final class Positions {

        private final long builtAt;
        private final long[] micros;
        private final long[] idHigh;
        private final long[] idLow;

        private Positions(long builtAt, long[] micros, long[] idHigh, long[] idLow) {
            this.builtAt = builtAt;
            this.micros = micros;
            this.idHigh = idHigh;
            this.idLow = idLow;
        }

        int size() {
            return micros.length;
        }

        /** The cursor after the post at this position (0 is the newest). */
        ListCursor after(int index) {
            Instant at = Instant.EPOCH.plus(micros[index], ChronoUnit.MICROS);
            return new ListCursor(at.atOffset(ZoneOffset.UTC), new UUID(idHigh[index], idLow[index]));
        }
    }
}
