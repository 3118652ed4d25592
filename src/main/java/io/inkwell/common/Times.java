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

    /**
     * Whether a time can be stored and sent: its year in UTC is 0001 to 9999. RFC 3339 has four
     * digits for the year, so "0000-01-01T00:00:00+01:00" (-0001 in UTC) and
     * "9999-12-31T23:00:00-01:00" (+10000) could be read but not written back, nor exported and
     * imported again; and year 0000 came out of the RSS and Atom feeds as 0001 (Java's calendar
     * reads it as 1 BC).
     */
    public static boolean inWritableYears(OffsetDateTime time) {
        int year = time.withOffsetSameInstant(ZoneOffset.UTC).getYear();
        return year >= 1 && year <= 9999;
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
