package io.inkwell.common;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Timestamps as PostgreSQL keeps them (UTC, microseconds), so stored and fresh values compare equal. */
public final class Times {

    private Times() {
    }

    /** Now by the application's clock (see ClockProducer). */
    public static OffsetDateTime now(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    public static OffsetDateTime utc(OffsetDateTime time) {
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }

    /** A timestamp column of a native query, whichever type the driver and Hibernate give it. */
    public static OffsetDateTime toOffsetDateTime(Object value) {
        if (value instanceof OffsetDateTime offset) {
            return utc(offset);
        }
        if (value instanceof java.time.Instant instant) {
            return utc(instant.atOffset(ZoneOffset.UTC));
        }
        return utc(((java.sql.Timestamp) value).toInstant().atOffset(ZoneOffset.UTC));
    }
}
