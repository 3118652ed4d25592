package io.inkwell.common.slug;

import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.Locale;
import java.util.TreeSet;
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
     * statement: two writers locking names never wait for each other in a circle.
     */
    public static void lock(EntityManager entityManager, String kind, Collection<String> names) {
        TreeSet<Integer> buckets = names.stream().map(name -> bucket(kind, name)).collect(Collectors.toCollection(TreeSet::new));
        if (buckets.isEmpty()) {
            return;
        }
        // Bucket numbers are ours (0..1023), never the client's text.
        String values = buckets.stream().map(bucket -> "(" + bucket + ")").collect(Collectors.joining(","));
        entityManager.createNativeQuery("select pg_advisory_xact_lock(" + KEY + ", b) from (values " + values
                + ") as v(b) order by b").getResultList();
    }

    static int bucket(String kind, String name) {
        return Math.floorMod((kind + ":" + NamedReferences.clean(name).toLowerCase(Locale.ROOT)).hashCode(), BUCKETS);
    }
}
