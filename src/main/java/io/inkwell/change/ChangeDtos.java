package io.inkwell.change;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

final class ChangeDtos {

    private ChangeDtos() {
    }

    /**
     * One change: {@code upsert} (fetch {@code path}) or {@code tombstone} (drop what {@code path}
     * served); {@code type} post, page, tag, category or author.
     */
    record ChangeView(String kind, String type, UUID id, String slug, String path, String reason,
            OffsetDateTime changedAt) {
    }

    /** {@code nextCursor} is always set: the {@code since} of the next request, even after an empty page. */
    record ChangePage(List<ChangeView> items, String nextCursor, boolean hasMore) {
    }
}
