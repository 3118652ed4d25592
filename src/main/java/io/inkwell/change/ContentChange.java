package io.inkwell.change;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of the change feed. Its {@code xid} column (the writing transaction, filled in by
 * PostgreSQL) is not mapped: only {@link ChangeFeed}'s queries read it.
 */
@Entity
@Table(name = "content_change")
class ContentChange {
    /** From a sequence, not an identity column, so an import's thousand rows go in batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "content_change_id")
    @SequenceGenerator(name = "content_change_id", sequenceName = "content_change_id", allocationSize = 50)
    Long id;
    String kind;
    String type;
    @Column(name = "resource_id")
    UUID resourceId;
    String slug;
    String reason;
    @Column(name = "changed_at")
    OffsetDateTime changedAt;
}
