package io.inkwell.post;

import io.inkwell.webhook.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;
import io.inkwell.common.web.ContentKeys;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the lifecycle tells webhooks: {@code post.*} or {@code page.*}, with the public JSON. */
@ApplicationScoped
class PostEvents {

    private final WebhookOutbox outbox;
    private final LiveSnapshots live;

    PostEvents(WebhookOutbox outbox, LiveSnapshots live) {
        this.outbox = outbox;
        this.live = live;
    }

    /** Went live, or (when it was live) its published version changed. */
    void published(Post post, boolean wasLive) {
        outbox.record(type(post, wasLive ? "updated" : "published"), live.preview(post), purge(post));
    }

    /**
     * Its live version shows something else of another resource (an image's new alt text, a
     * deleted image), its content as published: {@code post.updated} with the live version.
     */
    void liveVersionRefreshed(PostDtos.PublicPost live) {
        String type = live.type().name().toLowerCase(Locale.ROOT);
        outbox.record(type + ".updated", live, ContentKeys.ofPostChange(live.id(), live.type().toString()));
    }

    void scheduled(Post post) {
        outbox.record(type(post, "scheduled"), live.preview(post));
    }

    void unpublished(Post post) {
        outbox.record(type(post, "unpublished"), reference(post), purge(post));
    }

    void deleted(Post post, boolean wasLive) {
        outbox.record(type(post, "deleted"), reference(post), wasLive ? purge(post) : List.of());
    }

    /**
     * What identifies a post that is no longer public: its id and the slug readers saw (the live
     * one, which an unpublished edit of the working copy may have changed since).
     */
    private Map<String, Object> reference(Post post) {
        String liveSlug = live.state(post.id).map(PostState::slug).orElse(post.slug);
        return Map.of("id", post.id, "slug", liveSlug, "type", post.type.name().toLowerCase(Locale.ROOT));
    }

    /** The surrogate keys a CDN purges for this change: the ones the instance's own cache drops. */
    private static List<String> purge(Post post) {
        return ContentKeys.ofPostChange(post.id, post.type.toString());
    }

    private static String type(Post post, String what) {
        return post.type.name().toLowerCase(Locale.ROOT) + "." + what;
    }
}
