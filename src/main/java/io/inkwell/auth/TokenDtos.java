package io.inkwell.auth;

import io.inkwell.common.web.MaxChars;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class TokenDtos {

    /** Longest grace period of a rotation: a week covers a deploy that waits for a weekend. */
    public static final int MAX_GRACE_SECONDS = 7 * 24 * 3600;
    public static final int DEFAULT_GRACE_SECONDS = 3600;

    private TokenDtos() {
    }

    /** {@code authorId}: the person the token acts for, needed by contributors and authors. */
    public record CreateTokenRequest(
            @NotBlank @MaxChars(200) String name,
            @NotNull Role role,
            UUID authorId,
            OffsetDateTime expiresAt) {
    }

    /** How long the secret being replaced keeps working (default an hour; 0 ends it at once). */
    public record RotateTokenRequest(@Min(0) @Max(MAX_GRACE_SECONDS) Integer graceSeconds) {
    }

    /** A token as lists show it: never its secret, only the first characters. */
    public record TokenView(UUID id, String name, Role role, UUID authorId, String prefix,
            OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime expiresAt,
            OffsetDateTime previousSecretValidUntil, boolean bootstrap) {

        static TokenView from(ApiToken token) {
            return new TokenView(token.id, token.name, Role.fromWire(token.role), token.authorId, token.prefix,
                    token.createdAt, token.lastUsedAt, token.expiresAt, token.previousValidUntil, token.bootstrap);
        }
    }

    /** A new secret: shown in this answer only, since the server keeps its hash alone. */
    public record IssuedToken(String secret, TokenView token) {
    }
}
