package io.inkwell.auth;

import java.util.UUID;

/**
 * Who makes a change: a token (with the author it belongs to, if any), or the server itself
 * (scheduled publishing, startup), which may do everything.
 */
public record Actor(UUID tokenId, String tokenName, Role role, UUID authorId) {

    public static final Actor SYSTEM = new Actor(null, "system", Role.ADMIN, null);
    /** A request without a token: may read what is public, change nothing. */
    public static final Actor ANONYMOUS = new Actor(null, "anonymous", Role.CONTENT, null);

    public boolean can(String permission) {
        return role.can(permission);
    }

    public boolean isSystem() {
        return this == SYSTEM;
    }
}
