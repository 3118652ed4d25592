package io.inkwell.webhook;

import io.inkwell.common.Times;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.MergePatch;
import io.inkwell.common.web.RequestReader;
import io.inkwell.webhook.WebhookDtos.CreateWebhookRequest;
import io.inkwell.webhook.WebhookDtos.DeliveryView;
import io.inkwell.webhook.WebhookDtos.UpdateWebhookRequest;
import io.inkwell.webhook.WebhookDtos.WebhookView;
import io.inkwell.webhook.WebhookDtos.WebhookWithSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Webhooks: their targets, events and secrets, and the log of their deliveries. */
@ApplicationScoped
public class WebhookService {

    private final EntityManager entityManager;
    private final WebhookTargets targets;
    private final WebhookOutbox outbox;
    private final RequestReader reader;
    private final Clock clock;

    public WebhookService(EntityManager entityManager, WebhookTargets targets, WebhookOutbox outbox,
            RequestReader reader, Clock clock) {
        this.entityManager = entityManager;
        this.targets = targets;
        this.outbox = outbox;
        this.reader = reader;
        this.clock = clock;
    }

    public Page<WebhookView> list(PageRequest page) {
        List<WebhookView> items = entityManager.createQuery("from Webhook order by createdAt, id", Webhook.class)
                .setFirstResult(page.offset()).setMaxResults(page.limit()).getResultStream().map(WebhookView::from).toList();
        return page.toPage(items, entityManager.createQuery("select count(w) from Webhook w", Long.class).getSingleResult());
    }

    public WebhookView get(UUID id) {
        return WebhookView.from(load(id));
    }

    /** Every bad field is named in one 422: the request's constraints, the target and the event names. */
    @Transactional
    public WebhookWithSecret create(CreateWebhookRequest request) {
        List<FieldError> errors = new ArrayList<>(reader.fieldErrors(request));
        check(request.url(), request.events(), errors);
        throwIfAny(errors);
        OffsetDateTime now = Times.now(clock);
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.url = request.url().strip();
        webhook.events = String.join(" ", new LinkedHashSet<>(request.events()));
        webhook.description = request.description();
        webhook.secret = WebhookSignature.newSecret();
        webhook.createdAt = now;
        webhook.updatedAt = now;
        entityManager.persist(webhook);
        return new WebhookWithSecret(webhook.secret, WebhookView.from(webhook));
    }

    @Transactional
    public WebhookView update(UUID id, MergePatch<UpdateWebhookRequest> patch) {
        Webhook webhook = load(id);
        UpdateWebhookRequest edit = patch.applyTo(UpdateWebhookRequest.of(webhook)).values();
        List<FieldError> errors = new ArrayList<>();
        check(edit.url(), edit.events(), errors);
        throwIfAny(errors);
        webhook.url = edit.url().strip();
        webhook.events = String.join(" ", new LinkedHashSet<>(edit.events()));
        webhook.description = edit.description();
        webhook.updatedAt = Times.now(clock);
        return WebhookView.from(webhook);
    }

    /** Deletes the webhook with its delivery log; deliveries not yet made are dropped. */
    @Transactional
    public void delete(UUID id) {
        entityManager.remove(load(id));
    }

    /** A new signing secret, used from the next attempt on. */
    @Transactional
    public WebhookWithSecret rotateSecret(UUID id) {
        Webhook webhook = load(id);
        webhook.secret = WebhookSignature.newSecret();
        webhook.updatedAt = Times.now(clock);
        return new WebhookWithSecret(webhook.secret, WebhookView.from(webhook));
    }

    /** Queues a {@code webhook.test} event for this webhook alone. */
    @Transactional
    public DeliveryView sendTest(UUID id) {
        Webhook webhook = load(id);
        WebhookEvent event = outbox.event(WebhookOutbox.TEST_EVENT, Map.of("webhookId", webhook.id), List.of());
        return DeliveryView.from(outbox.deliver(event, webhook), event.type);
    }

    public Page<DeliveryView> deliveries(UUID webhookId, PageRequest page) {
        load(webhookId);
        List<Object[]> rows = entityManager.createQuery("""
                select d, e.type from WebhookDelivery d, WebhookEvent e
                where e.id = d.eventId and d.webhookId = ?1 order by d.createdAt desc, d.id""", Object[].class)
                .setParameter(1, webhookId).setFirstResult(page.offset()).setMaxResults(page.limit()).getResultList();
        long total = entityManager.createQuery("select count(d) from WebhookDelivery d where d.webhookId = ?1", Long.class)
                .setParameter(1, webhookId).getSingleResult();
        return page.toPage(rows.stream().map(row -> DeliveryView.from((WebhookDelivery) row[0], (String) row[1])).toList(), total);
    }

    /** Sends a delivery again, delivered or failed: due at once, its attempts counted on. */
    @Transactional
    public DeliveryView redeliver(UUID webhookId, UUID deliveryId) {
        WebhookDelivery delivery = entityManager.find(WebhookDelivery.class, deliveryId);
        if (delivery == null || !delivery.webhookId.equals(webhookId)) {
            throw new ResourceNotFoundException("No delivery " + deliveryId + " of webhook " + webhookId + ".");
        }
        delivery.status = WebhookDelivery.PENDING;
        delivery.nextAttemptAt = Times.now(clock);
        // The give-up clock starts again, so a redelivery is retried like a new event.
        delivery.createdAt = delivery.nextAttemptAt;
        return DeliveryView.from(delivery, entityManager.find(WebhookEvent.class, delivery.eventId).type);
    }

    private void check(String url, List<String> events, List<FieldError> errors) {
        if (url != null && !url.isBlank()) {
            targets.refusal(url.strip()).ifPresent(reason -> errors.add(new FieldError("url", reason)));
        }
        if (events != null) {
            for (int i = 0; i < events.size(); i++) {
                String event = events.get(i);
                if (event != null && !event.equals("*") && !WebhookOutbox.EVENT_TYPES.contains(event)) {
                    errors.add(new FieldError("events[" + i + "]", "Unknown event; one of " + String.join(", ", WebhookOutbox.EVENT_TYPES) + ", or *."));
                }
            }
        }
    }

    private static void throwIfAny(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
    }

    private Webhook load(UUID id) {
        Webhook webhook = entityManager.find(Webhook.class, id);
        if (webhook == null) {
            throw new ResourceNotFoundException("No webhook with id " + id + ".");
        }
        return webhook;
    }
}
