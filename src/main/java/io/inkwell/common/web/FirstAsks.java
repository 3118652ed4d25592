package io.inkwell.common.web;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The cache keys asked for lately, remembered by their hash in a table of fixed size (16,384
 * slots, 64 KB), so that an answer can wait for its second ask before it takes memory. Each key
 * hashes to one slot, which holds the hash of the last key that fell in it: a key is remembered
 * until another takes its slot (at 600 new keys a second, half a minute on average), and two keys
 * with the same hash count as one (at worst an answer asked once is kept). Nothing is allocated
 * per ask, unlike a map of the keys themselves, which would keep every one-off address alive long
 * enough to reach the old generation.
 */
final class FirstAsks {

    private static final int SLOTS = 1 << 14;

    private final AtomicIntegerArray hashes = new AtomicIntegerArray(SLOTS);

    /** Whether {@code key} was asked for lately; either way it counts as asked now. */
    boolean askedBefore(String key) {
        int hash = key.hashCode();
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        return hashes.getAndSet(slot, hash) == hash;
    }
}
