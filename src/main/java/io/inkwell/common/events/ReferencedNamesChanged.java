package io.inkwell.common.events;

import java.util.UUID;

/**
 * A tag, category, author or image was changed, or is about to be deleted. Posts show them,
 * so the post feature updates the posts that reference it, in the same transaction: on a
 * rename after the change is flushed, on a delete before the row goes. The kind says where
 * posts reference it, so only that link is searched.
 */
public record ReferencedNamesChanged(Kind kind, UUID id, boolean deleted) {

    public enum Kind {
        AUTHOR, TERM, IMAGE
    }

    public static ReferencedNamesChanged renamed(Kind kind, UUID id) {
        return new ReferencedNamesChanged(kind, id, false);
    }

    public static ReferencedNamesChanged deleting(Kind kind, UUID id) {
        return new ReferencedNamesChanged(kind, id, true);
    }
}
