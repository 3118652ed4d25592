package io.inkwell.imports;

import io.inkwell.common.Times;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date forms Hugo and Jekyll sites use: RFC 3339 ({@code 2017-02-21T09:02:03Z}), a
 * local date-time or a date alone (both in the site's zone), and Jekyll's
 * {@code 2017-02-21 09:02:03 +0100}. The result is always UTC.
 */
final class FrontMatterDates {

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4}-\\d{2}-\\d{2})"
                    + "(?:[Tt ](\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?)?)?");

    private FrontMatterDates() {
    }

    /** A date whose year in UTC is not 0001 to 9999 ({@link Times#inWritableYears}). */
    static final class OutOfRange extends DateTimeException {
        private static final long serialVersionUID = 1L;

        OutOfRange() {
            super("outside the years 0001 to 9999 in UTC");
        }
    }

    /** @throws DateTimeException when the text is not one of the accepted forms, {@link OutOfRange} when it is out of range */
    static OffsetDateTime parse(String text, ZoneId zone) {
        OffsetDateTime utc = read(text, zone);
        if (!Times.inWritableYears(utc)) {
            throw new OutOfRange();
        }
        return utc;
    }

    private static OffsetDateTime read(String text, ZoneId zone) {
        Matcher m = DATE_TIME.matcher(text.strip());
        if (!m.matches()) {
            throw new DateTimeException("not a date");
        }
        LocalDate date = LocalDate.parse(m.group(1));
        if (m.group(2) == null) {
            return date.atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        LocalTime time = LocalTime.parse(m.group(2));
        if (m.group(3) == null) {
            return date.atTime(time).atZone(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC);
        }
        ZoneOffset offset = ZoneOffset.of(m.group(3).toUpperCase());
        return OffsetDateTime.of(date, time, offset).withOffsetSameInstant(ZoneOffset.UTC);
    }
}
