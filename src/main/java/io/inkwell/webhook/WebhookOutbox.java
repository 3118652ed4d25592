package io.inkwell.webhook;

import io.inkwell.common.Times;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.web.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Where features report what happened. Runs in the caller's transaction: the event and one
 * delivery per subscribed webhook are written with the change, so a committed change always gets
 * its deliveries and a rolled-back one none ({@link WebhookDispatcher} sends them).
 */
@ApplicationScoped
public class WebhookOutbox {

    /** Every event a webhook can subscribe to. */
    public static final List<String> EVENT_TYPES = List.of(
            "post.published", "post.unpublished", "post.updated", "post.scheduled", "post.deleted",
            "page.published", "page.unpublished", "page.updated", "page.scheduled", "page.deleted",
            "tag.created", "tag.updated", "tag.deleted",
            "category.created", "category.updated", "category.deleted",
            "author.created", "author.updated", "author.deleted",
            "image.deleted", "import.completed");
    static final String TEST_EVENT = "webhook.test";

    private final EntityManager entityManager;
    private final Json json;
    private final TransactionCache cache;
    private final Clock clock;

    public WebhookOutbox(EntityManager entityManager, Json json, TransactionCache cache, Clock clock) {
        this.cache = cache;
        this.entityManager = entityManager;
        this.json = json;
        this.clock = clock;
    }

    /** Reports {@code type} (one of {@link #EVENT_TYPES}) with {@code data}, the resource's public JSON. */
    public void record(String type, Object data) {
        record(type, data, List.of());
    }

    /**
     * Reports {@code type} with {@code data} and the surrogate keys of the Content API answers
     * it changed ({@code surrogateKeys}: what a receiver purges from its CDN).
     */
    public void record(String type, Object data, List<String> surrogateKeys) {
        // Once per transaction: an import publishing a thousand posts asks once.
        List<Webhook> all = cache.get("webhooks", () ->
                entityManager.createQuery("from Webhook", Webhook.class).getResultList());
        List<Webhook> subscribed = all.stream().filter(webhook -> webhook.wants(type)).toList();
        if (!subscribed.isEmpty()) {
            WebhookEvent event = event(type, data, surrogateKeys);
            subscribed.forEach(webhook -> deliver(event, webhook));
        }
    }

    WebhookEvent event(String type, Object data, List<String> surrogateKeys) {
        OffsetDateTime now = Times.now(clock);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", type);
        payload.put("timestamp", now);
        payload.put("data", data);
        payload.put("surrogateKeys", surrogateKeys);
        WebhookEvent event = new WebhookEvent();
        event.id = UUID.randomUUID();
        event.type = type;
        event.occurredAt = now;
        event.payload = json.write(payload);
        entityManager.persist(event);
        return event;
    }

    WebhookDelivery deliver(WebhookEvent event, Webhook webhook) {
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.id = UUID.randomUUID();
        delivery.webhookId = webhook.id;
        delivery.eventId = event.id;
        delivery.status = WebhookDelivery.PENDING;
        delivery.createdAt = event.occurredAt;
        delivery.nextAttemptAt = event.occurredAt;
        entityManager.persist(delivery);
        return delivery;
    }
}
