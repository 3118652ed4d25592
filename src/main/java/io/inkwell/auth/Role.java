package io.inkwell.auth;

import static io.inkwell.auth.Permissions.ACTIVITY;
import static io.inkwell.auth.Permissions.CONTENT_READ;
import static io.inkwell.auth.Permissions.EXPORT;
import static io.inkwell.auth.Permissions.IMAGES_READ;
import static io.inkwell.auth.Permissions.IMAGES_UPLOAD;
import static io.inkwell.auth.Permissions.IMAGES_WRITE;
import static io.inkwell.auth.Permissions.IMPORT;
import static io.inkwell.auth.Permissions.MEDIA_MIGRATE;
import static io.inkwell.auth.Permissions.POSTS_ALL;
import static io.inkwell.auth.Permissions.POSTS_PUBLISH;
import static io.inkwell.auth.Permissions.POSTS_READ;
import static io.inkwell.auth.Permissions.POSTS_WRITE;
import static io.inkwell.auth.Permissions.TAXONOMY_READ;
import static io.inkwell.auth.Permissions.TAXONOMY_WRITE;
import static io.inkwell.auth.Permissions.TOKENS;
import static io.inkwell.auth.Permissions.WEBHOOKS;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The permission matrix, in one place: what each role of token may do (Ghost's staff roles,
 * plus Content API keys). The README shows it as a table.
 */
public enum Role {
    /** A Content API key: reads published content when keys are required, nothing else. */
    CONTENT(Set.of(CONTENT_READ)),
    /** Writes drafts of their own posts and uploads images; cannot publish. */
    CONTRIBUTOR(Set.of(CONTENT_READ, POSTS_READ, POSTS_WRITE, TAXONOMY_READ, IMAGES_READ, IMAGES_UPLOAD)),
    /** Writes, publishes and unpublishes their own posts. */
    AUTHOR(with(CONTRIBUTOR, POSTS_PUBLISH)),
    /** All content: every post, tags, categories, authors, images, imports. */
    EDITOR(with(AUTHOR, POSTS_ALL, TAXONOMY_WRITE, IMAGES_WRITE, IMPORT)),
    /** Everything, plus tokens, webhooks, the activity log, exports and moving the media storage. */
    ADMIN(with(EDITOR, EXPORT, TOKENS, WEBHOOKS, ACTIVITY, MEDIA_MIGRATE));

    private final Set<String> permissions;

    Role(Set<String> permissions) {
        this.permissions = permissions;
    }

    public Set<String> permissions() {
        return permissions;
    }

    public boolean can(String permission) {
        return permissions.contains(permission);
    }

    /** Roles that act for a person: their tokens belong to an author record. */
    public boolean needsAuthor() {
        return this == CONTRIBUTOR || this == AUTHOR;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    private static Set<String> with(Role base, String... more) {
        return Set.copyOf(Stream.concat(base.permissions.stream(), Stream.of(more)).toList());
    }
}
