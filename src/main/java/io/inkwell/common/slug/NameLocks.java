package io.inkwell.common.slug;

import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Transaction-long locks that order the giving of names and slugs (a rename to a name, a post
 * making a tag of it, an import creating one with a slug), so that two writers never both miss
 * the other's. PostgreSQL advisory locks, in {@value #BUCKETS} buckets: each held lock takes a
 * slot of the server's shared lock table (about 6,400 by default), so an import of ten thousand
 * new tags must not hold ten thousand of them. Two names in one bucket only wait for each other.
 */
public final class NameLocks {

    /** The first key of these advisory locks: "nams", apart from other locks' keys. */
    static final int KEY = 0x6e616d73;
    static final int BUCKETS = 1024;

    private NameLocks() {
    }

    /**
     * Locks the buckets of these names (any case) of one kind ({@code tag}, {@code category},
     * {@code author}, or a slug's kind) until the transaction ends, in ascending order, in one
     * statement: two writers locking names never wait for each other in a circle. By the
     * names' keys ({@link NamedReferences#key}), as they are compared: two names that compare
     * the same must share a lock.
     */
    public static void lock(EntityManager entityManager, String kind, Collection<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String lines = lines(names);
        entityManager.createNativeQuery("""
                select pg_advisory_xact_lock(?1, bucket) from (
                    select distinct hashtext(?2 || ':' || name_key) & ?3 as bucket
                    from regexp_split_to_table(?4, E'\\n') as name_key order by bucket) as buckets""")
                .setParameter(1, KEY).setParameter(2, kind).setParameter(3, BUCKETS - 1).setParameter(4, lines)
                .getResultList();
    }

    /**
     * Runs {@code sql}, which finds rows of (name key, slug) among the names that two or more
     * bear, its ?1 the names' keys one per line and ?2... the {@code others}, and groups the
     * slugs by key.
     */
    public static Map<String, List<String>> slugsBearingTwice(EntityManager entityManager, String sql,
            Collection<String> names, Object... others) {
        Map<String, List<String>> slugsByName = new TreeMap<>();
        if (names.isEmpty()) {
            return slugsByName;
        }
        jakarta.persistence.Query query = entityManager.createNativeQuery(sql).setParameter(1, lines(names));
        for (int i = 0; i < others.length; i++) {
            query.setParameter(i + 2, others[i]);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        rows.forEach(row -> slugsByName.computeIfAbsent((String) row[0], any -> new ArrayList<>()).add((String) row[1]));
        return slugsByName;
    }

    /** The names' keys, one per line: a key holds no line break. */
    private static String lines(Collection<String> names) {
        return names.stream().map(NamedReferences::key).distinct().collect(Collectors.joining("\n"));
    }
}
