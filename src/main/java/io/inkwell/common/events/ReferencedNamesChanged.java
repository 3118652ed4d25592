package io.inkwell.common.events;

import java.util.UUID;

/**
 * A tag, category, author or image was changed, or is about to be deleted. Posts show them,
 * so the post feature updates the posts that reference it, in the same transaction: on a
 * rename after the change is flushed, on a delete before the row goes.
 */
public record ReferencedNamesChanged(UUID id, boolean deleted) {

    public static ReferencedNamesChanged renamed(UUID id) {
        return new ReferencedNamesChanged(id, false);
    }

    public static ReferencedNamesChanged deleting(UUID id) {
        return new ReferencedNamesChanged(id, true);
    }
}
