package io.inkwell.webhook;

import io.inkwell.common.web.MaxChars;
import io.inkwell.common.web.MergePatch;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class WebhookDtos {

    private WebhookDtos() {
    }

    public record CreateWebhookRequest(
            @NotBlank @Size(max = 2000) String url,
            @NotEmpty @Size(max = 50) List<@NotBlank String> events,
            @MaxChars(500) String description) {
    }

    /** The editable fields; a PATCH is merged over the current ones ({@link MergePatch}). */
    public record UpdateWebhookRequest(
            @NotNull(message = MergePatch.NOT_CLEARABLE) @Size(max = 2000) String url,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @NotEmpty @Size(max = 50) List<@NotBlank String> events,
            @MaxChars(500) String description) {

        static UpdateWebhookRequest of(Webhook webhook) {
            return new UpdateWebhookRequest(webhook.url, webhook.eventList(), webhook.description);
        }
    }

    /** A webhook, never its secret. */
    public record WebhookView(UUID id, String url, List<String> events, String description,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static WebhookView from(Webhook webhook) {
            return new WebhookView(webhook.id, webhook.url, webhook.eventList(), webhook.description,
                    webhook.createdAt, webhook.updatedAt);
        }
    }

    /** A new signing secret: shown in this answer only. */
    public record WebhookWithSecret(String secret, WebhookView webhook) {
    }

    public record DeliveryView(UUID id, UUID eventId, String eventType, String status, int attempts,
            Integer lastStatus, String lastError, OffsetDateTime lastAttemptAt, OffsetDateTime nextAttemptAt,
            OffsetDateTime createdAt) {

        static DeliveryView from(WebhookDelivery delivery, String eventType) {
            return new DeliveryView(delivery.id, delivery.eventId, eventType, delivery.status, delivery.attempts,
                    delivery.lastStatus, delivery.lastError, delivery.lastAttemptAt,
                    WebhookDelivery.PENDING.equals(delivery.status) ? delivery.nextAttemptAt : null, delivery.createdAt);
        }
    }
}
