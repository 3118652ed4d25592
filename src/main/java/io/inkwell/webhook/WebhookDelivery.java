package io.inkwell.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One event for one webhook, tried until delivered or until it is too old. */
@Entity
@Table(name = "webhook_delivery")
public class WebhookDelivery {
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    @Id
    public UUID id;
    @Column(name = "webhook_id")
    public UUID webhookId;
    @Column(name = "event_id")
    public UUID eventId;
    public String status;
    public int attempts;
    @Column(name = "next_attempt_at")
    public OffsetDateTime nextAttemptAt;
    @Column(name = "last_attempt_at")
    public OffsetDateTime lastAttemptAt;
    @Column(name = "last_status")
    public Integer lastStatus;
    @Column(name = "last_error")
    public String lastError;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
}
