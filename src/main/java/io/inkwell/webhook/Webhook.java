package io.inkwell.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

@Entity
@Table(name = "webhook")
public class Webhook {
    @Id
    public UUID id;
    public String url;
    /** Space-separated event types; {@code *} is every event. */
    public String events;
    public String description;
    public String secret;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    List<String> eventList() {
        return Arrays.asList(events.split(" "));
    }

    boolean wants(String type) {
        return eventList().contains("*") || eventList().contains(type);
    }
}
