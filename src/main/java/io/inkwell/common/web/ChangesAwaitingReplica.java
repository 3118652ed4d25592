package io.inkwell.common.web;

import io.inkwell.common.db.LogPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Changed keys waiting for the read replica to replay the commits that changed them, each
 * batch with the primary's log position after those commits. Used by the one polling thread.
 * Bounded: past {@link #MAX_BATCHES} (a replica stopped for a long time), the batches become
 * one that marks everything once the replica reaches the latest position.
 */
final class ChangesAwaitingReplica {

    private static final int MAX_BATCHES = 10_000;

    private final Deque<Batch> batches = new ArrayDeque<>();
    private LogPosition everythingAt;

    void add(LogPosition position, Collection<String> keys) {
        if (everythingAt != null) {
            everythingAt = position;
            return;
        }
        batches.addLast(new Batch(position, List.copyOf(keys)));
        if (batches.size() > MAX_BATCHES) {
            batches.clear();
            everythingAt = position;
        }
    }

    boolean isEmpty() {
        return batches.isEmpty() && everythingAt == null;
    }

    /** Removes and returns what the replica has replayed by now. */
    Replayed takeReplayed(LogPosition replayed) {
        if (everythingAt != null) {
            if (!replayed.reached(everythingAt)) {
                return new Replayed(false, List.of());
            }
            everythingAt = null;
            return new Replayed(true, List.of());
        }
        Set<String> keys = new LinkedHashSet<>();
        while (!batches.isEmpty() && replayed.reached(batches.peekFirst().position())) {
            keys.addAll(batches.removeFirst().keys());
        }
        return new Replayed(false, new ArrayList<>(keys));
    }

    private record Batch(LogPosition position, List<String> keys) {
    }

    record Replayed(boolean everything, List<String> keys) {
    }
}
