package io.inkwell.post;

import io.inkwell.auth.Actor;
import io.inkwell.auth.CurrentActor;
import io.inkwell.auth.Permissions;
import io.inkwell.common.error.ForbiddenOperationException;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which posts a token may change, on top of what its role allows ({@link io.inkwell.auth.Role}):
 * editors and admins every post; contributors and authors only posts that list their author,
 * and contributors, who cannot publish, only while the post is a draft.
 */
@ApplicationScoped
class PostPermissions {

    private final CurrentActor current;

    PostPermissions(CurrentActor current) {
        this.current = current;
    }

    /** A post about to be created in {@code status}. */
    void checkCreate(Post post, PostStatus status) {
        Actor actor = current.get();
        if (status != PostStatus.DRAFT && !actor.can(Permissions.POSTS_PUBLISH)) {
            throw new ForbiddenOperationException(withArticle(actor.role().wireName())
                    + " creates drafts only; an author or editor publishes them.");
        }
        checkListed(actor, post, "create posts that list their own author");
    }

    /** An edit, discard or delete of the post as it is now. */
    void checkChange(Post post) {
        Actor actor = current.get();
        checkListed(actor, post, "change posts that list their own author");
        if (post.status != PostStatus.DRAFT && !actor.can(Permissions.POSTS_PUBLISH)) {
            throw new ForbiddenOperationException(withArticle(actor.role().wireName()) + " may only change drafts; this post is "
                    + post.status.name().toLowerCase(java.util.Locale.ROOT) + ".");
        }
    }

    /** After an edit: one cannot hand one's post to others (only an editor can). */
    void checkStillListed(Post post) {
        checkListed(current.get(), post, "keep their own author on the posts they edit");
    }

    /** Publishing, scheduling or unpublishing the post. */
    void checkPublish(Post post) {
        Actor actor = current.get();
        if (!actor.can(Permissions.POSTS_PUBLISH)) {
            throw new ForbiddenOperationException(withArticle(actor.role().wireName()) + " cannot publish or unpublish.");
        }
        checkListed(actor, post, "publish posts that list their own author");
    }

    /** Reading the post's working copy outside the Admin API (a preview link). */
    void checkOwn(Post post) {
        checkListed(current.get(), post, "share posts that list their own author");
    }

    private static void checkListed(Actor actor, Post post, String what) {
        if (actor.can(Permissions.POSTS_ALL)) {
            return;
        }
        boolean listed = actor.authorId() != null
                && post.authors.stream().anyMatch(author -> author.id.equals(actor.authorId()));
        if (!listed) {
            throw new ForbiddenOperationException(withArticle(actor.role().wireName()) + " may only " + what + ".");
        }
    }

    /** "An author", "A contributor": the role as a message's subject. */
    private static String withArticle(String role) {
        return ("aeiou".indexOf(role.charAt(0)) >= 0 ? "An " : "A ") + role;
    }
}
