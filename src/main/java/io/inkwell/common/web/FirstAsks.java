package io.inkwell.common.web;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The cache keys asked for lately, remembered by their hash in a table of fixed size (16,384
 * slots, 64 KB), so that an answer can wait for its second ask before it takes memory. Each key
 * hashes to one slot, which holds the hash of the last key that fell in it: a key is remembered
 * until another takes its slot (on average after some 16,000 other keys: half a minute at 600
 * new keys a second, hours on a quiet blog). Two keys with the same hash count as one, so at
 * worst an answer asked once is kept; a client that makes up keys with one hash (easy with
 * {@code String.hashCode}) gets its answers kept as every answer was before this table, while
 * the cache's own admission policy still keeps the often read ones. Nothing is allocated per
 * ask, unlike a map of the keys themselves, which would keep every one-off key alive long enough
 * to reach the old generation.
 */
final class FirstAsks {

    private static final int SLOTS = 1 << 14;
    /* An empty slot holds 0, so a key hashing to 0 is stored as this instead. */
    private static final int ZERO_HASH = 1;

    private final AtomicIntegerArray hashes = new AtomicIntegerArray(SLOTS);

    /** Records an ask for {@code key}; true when the same key was asked lately before this. */
    boolean recordAsk(String key) {
        int hash = key.hashCode();
        if (hash == 0) {
            hash = ZERO_HASH;
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        return hashes.getAndSet(slot, hash) == hash;
    }
}
