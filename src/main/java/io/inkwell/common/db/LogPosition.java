package io.inkwell.common.db;

/** A position in PostgreSQL's write-ahead log (its {@code pg_lsn}, written {@code 16/B374D848}). */
public record LogPosition(long value) {

    /** Past every position: what a database that replicates nothing has replayed. */
    public static final LogPosition CURRENT = new LogPosition(-1L);

    public static LogPosition parse(String lsn) {
        int slash = lsn.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("Not a log position: " + lsn);
        }
        return new LogPosition(Long.parseLong(lsn.substring(0, slash), 16) << 32
                | Long.parseLong(lsn.substring(slash + 1), 16));
    }

    public boolean reached(LogPosition target) {
        return Long.compareUnsigned(value, target.value) >= 0;
    }
}
