package io.inkwell.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.InvalidInputException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The transitions of {@link PostLifecycle}, called as the services call them: each step in a
 * transaction of its own, on the real database. (The HTTP tests cover the same rules through
 * the Admin API; these pin the ones only the importer reaches, and the rules' order.)
 */
@QuarkusTest
class PostLifecycleTest {

    @Inject
    PostLifecycle lifecycle;
    @Inject
    PostRepository posts;
    @Inject
    LiveSnapshots live;

    @Test
    void publishingSnapshotsThePostAndUnpublishingRemovesTheSnapshot() {
        UUID id = create(PostStatus.DRAFT);
        assertFalse(snapshotted(id));

        step(id, post -> lifecycle.publish(post, null));
        assertEquals(PostStatus.PUBLISHED, status(id));
        assertTrue(snapshotted(id));

        step(id, post -> lifecycle.unpublish(post, null));
        assertEquals(PostStatus.DRAFT, status(id));
        assertFalse(snapshotted(id));
    }

    @Test
    void aFuturePublishSchedulesWithoutSnapshotAndALivePostCannotBeScheduled() {
        UUID id = create(PostStatus.DRAFT);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        step(id, post -> lifecycle.publish(post, later));
        assertEquals(PostStatus.SCHEDULED, status(id));
        assertFalse(snapshotted(id));

        step(id, post -> lifecycle.publish(post, null));
        assertEquals(PostStatus.PUBLISHED, status(id));
        assertThrows(ConflictException.class, () -> step(id, post -> lifecycle.publish(post, later)));
        assertEquals(PostStatus.PUBLISHED, status(id), "the refused transition changed nothing");
    }

    @Test
    void aScheduledPostMovesItsTimeOnlyByBeingScheduledAgain() {
        UUID id = create(PostStatus.DRAFT);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        step(id, post -> lifecycle.publish(post, later));
        assertThrows(ConflictException.class, () -> step(id, post -> lifecycle.edit(post,
                withPublishedAt(PostMapping.content(post), later.plusDays(1)), null)));

        // The importer's way: take it back to a draft, edit, schedule again.
        step(id, post -> {
            lifecycle.moveTo(post, PostStatus.DRAFT);
            lifecycle.edit(post, withPublishedAt(PostMapping.content(post), later.plusDays(1)), null);
            lifecycle.moveTo(post, PostStatus.SCHEDULED);
        });
        assertEquals(PostStatus.SCHEDULED, status(id));
        assertEquals(later.plusDays(1).toInstant(), read(id).publishedAt.toInstant());
    }

    @Test
    void aLivePostScheduledForLaterGoesOfflineUntilThen() {
        UUID id = create(PostStatus.PUBLISHED);
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        step(id, post -> {
            lifecycle.edit(post, withPublishedAt(PostMapping.content(post), later), null);
            lifecycle.moveTo(post, PostStatus.SCHEDULED);
        });
        assertEquals(PostStatus.SCHEDULED, status(id));
        assertFalse(snapshotted(id));
    }

    @Test
    void editsOfALivePostAreUnpublishedChangesUntilTheyMatchTheSnapshotAgain() {
        UUID id = create(PostStatus.PUBLISHED);
        String title = read(id).title;
        step(id, post -> lifecycle.edit(post, withTitle(PostMapping.content(post), title + " (edited)"), null));
        assertTrue(read(id).hasUnpublishedChanges);
        step(id, post -> lifecycle.edit(post, withTitle(PostMapping.content(post), title), null));
        assertFalse(read(id).hasUnpublishedChanges);
    }

    @Test
    void schedulingNeedsAFutureTimeAndAnUnpublishTimeAfterIt() {
        UUID id = create(PostStatus.DRAFT);
        assertThrows(InvalidInputException.class, () -> step(id, post -> lifecycle.moveTo(post, PostStatus.SCHEDULED)));
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> QuarkusTransaction.requiringNew()
                .run(() -> lifecycle.create(new PostContent(PostType.POST, null, "Window " + UUID.randomUUID(), "x",
                        null, null, List.of(), List.of(), List.of(), later, later.minusHours(1), "{}"),
                        PostStatus.SCHEDULED, null)));
        assertEquals("unpublishAt", refused.errors().get(0).field());
    }

    private UUID create(PostStatus status) {
        return QuarkusTransaction.requiringNew().call(() -> lifecycle.create(new PostContent(null, null,
                "Lifecycle " + UUID.randomUUID(), "Some *text*.", null, null, List.of("Ada"), List.of("Tests"),
                List.of(), null, null, "{}"), status, null).id);
    }

    private void step(UUID id, Consumer<Post> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(posts.findForUpdate(id).orElseThrow()));
    }

    private Post read(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> posts.findById(id));
    }

    private PostStatus status(UUID id) {
        return read(id).status;
    }

    private boolean snapshotted(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> live.state(id).isPresent());
    }

    private static PostContent withPublishedAt(PostContent content, OffsetDateTime publishedAt) {
        return new PostContent(content.type(), content.slug(), content.title(), content.markdown(), content.excerpt(),
                content.featureImage(), content.authors(), content.tags(), content.categories(), publishedAt,
                content.unpublishAt(), content.meta());
    }

    private static PostContent withTitle(PostContent content, String title) {
        return new PostContent(content.type(), content.slug(), title, content.markdown(), content.excerpt(),
                content.featureImage(), content.authors(), content.tags(), content.categories(), content.publishedAt(),
                content.unpublishAt(), content.meta());
    }
}
