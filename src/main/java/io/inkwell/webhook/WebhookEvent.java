package io.inkwell.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An outbox row: what happened, and the body every receiver gets. */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent {
    @Id
    public UUID id;
    public String type;
    @Column(name = "occurred_at")
    public OffsetDateTime occurredAt;
    public String payload;
}
