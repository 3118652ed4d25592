package io.inkwell.post;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Where a keyset page of a post list starts: after the post with this publication time and id,
 * in the list's order (newest first, then id). A page found this way costs the same however
 * deep it is, and items published meanwhile do not shift it. Opaque to clients (base64url).
 */
record ListCursor(OffsetDateTime publishedAt, UUID postId) {

    static final String PARAMETER = "cursor";
    private static final String VERSION = "1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    ListCursor {
        // PostgreSQL keeps microseconds; a cursor must compare equal to the row it came from.
        publishedAt = publishedAt.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    String encode() {
        Instant at = publishedAt.toInstant();
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return ENCODER.encodeToString((VERSION + "|" + micros + "|" + postId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent; one this server did not make is a 400 naming {@code cursor}. */
    static ListCursor parse(String raw) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(raw), StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 3 || !VERSION.equals(parts[0])) {
                throw invalid();
            }
            Instant at = Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS);
            return new ListCursor(at.atOffset(ZoneOffset.UTC), UUID.fromString(parts[2]));
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            throw invalid();
        }
    }

    private static BadRequestException invalid() {
        return new BadRequestException("Invalid cursor.", List.of(new FieldError(PARAMETER,
                "Not a cursor this API gave out; use a list answer's nextCursor, or leave it out for the first page.")));
    }
}
