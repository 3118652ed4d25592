package io.inkwell.change;

import io.inkwell.common.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/**
 * Where features report changes to published content for the change feed. Runs in the caller's
 * transaction (like the webhook outbox): a committed change always has its rows, a rolled-back
 * one none.
 */
@ApplicationScoped
public class ContentChanges {

    /** What changed: the Content API collection it is served from. */
    public enum Resource {
        POST("posts"), PAGE("pages"), TAG("tags"), CATEGORY("categories"), AUTHOR("authors");

        private final String collection;

        Resource(String collection) {
            this.collection = collection;
        }

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Where the Content API serves (or served) it. */
        String path(String slug) {
            return "/api/content/" + collection + "/" + slug;
        }
    }

    /** Why: an upsert was {@code published} or {@code updated}; a tombstone {@code moved}, {@code unpublished} or {@code deleted}. */
    public enum Reason {
        PUBLISHED, UPDATED, MOVED, UNPUBLISHED, DELETED;

        String value() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String UPSERT = "upsert";
    static final String TOMBSTONE = "tombstone";

    private final EntityManager entityManager;
    private final Clock clock;

    ContentChanges(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** It is public at this address now, new or changed: fetch it (again). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(Resource resource, UUID id, String slug, Reason reason) {
        record(UPSERT, resource, id, slug, reason);
    }

    /** This address no longer serves it (it may be public elsewhere: see the upsert that follows a move). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tombstone(Resource resource, UUID id, String slug, Reason reason) {
        record(TOMBSTONE, resource, id, slug, reason);
    }

    private void record(String kind, Resource resource, UUID id, String slug, Reason reason) {
        ContentChange change = new ContentChange();
        change.kind = kind;
        change.type = resource.value();
        change.resourceId = id;
        change.slug = slug;
        change.reason = reason.value();
        change.changedAt = Times.now(clock);
        entityManager.persist(change);
    }
}
