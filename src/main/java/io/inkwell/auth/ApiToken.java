package io.inkwell.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

@Entity
@Table(name = "api_token")
public class ApiToken {
    @Id
    public UUID id;
    public String name;
    @Column(name = "token_hash")
    public String tokenHash;
    /** The first characters of the secret, shown in lists. */
    public String prefix;
    public String role;
    @Column(name = "author_id")
    public UUID authorId;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "last_used_at")
    public OffsetDateTime lastUsedAt;
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;
    @Column(name = "revoked_at")
    public OffsetDateTime revokedAt;
    /** The secret before the last rotation, valid until {@link #previousValidUntil}. */
    @Column(name = "previous_token_hash")
    public String previousTokenHash;
    @Column(name = "previous_valid_until")
    public OffsetDateTime previousValidUntil;
    /** Installed from INKWELL_ADMIN_TOKEN or generated at the first start. */
    public boolean bootstrap;
}
