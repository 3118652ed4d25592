package io.inkwell.activity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** One write through the Admin API: who, what, when, and how it ended. */
@Entity
@Table(name = "activity")
public class Activity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public OffsetDateTime at;
    @Column(name = "token_id")
    public UUID tokenId;
    @Column(name = "token_name")
    public String tokenName;
    @Column(name = "author_id")
    public UUID authorId;
    public String method;
    /** The address pattern, e.g. {@code /api/admin/posts/{id}/publish}. */
    public String operation;
    public String resource;
    @Column(name = "resource_id")
    public String resourceId;
    public int status;
    public String summary;
}
