package io.inkwell.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/**
 * The read replica the Content API reads from when {@code INKWELL_READ_DATASOURCE_URL} is set
 * (the {@code read} datasource, inactive without a URL); {@link DatabaseRouting} says which
 * sessions use it.
 */
@ApplicationScoped
public class ReadReplica {

    /**
     * How far the replica has replayed the primary's write-ahead log: a streaming (physical)
     * standby says so itself; a logical subscriber by what its subscriptions last confirmed; a
     * database that is neither is not behind anyone, so it answers 'current'.
     */
    private static final String REPLAYED = """
            select case
                when pg_is_in_recovery() then cast(pg_last_wal_replay_lsn() as text)
                when exists (select 1 from pg_subscription where subdbid = here.oid) then
                    (select cast(min(s.latest_end_lsn) as text) from pg_stat_subscription s
                     join pg_subscription p on p.oid = s.subid
                     where p.subdbid = here.oid and s.relid is null)
                else 'current' end
            from pg_database here where here.datname = current_database()""";

    private final AgroalDataSource dataSource;

    ReadReplica(@DataSource("read") InjectableInstance<AgroalDataSource> readDataSource) {
        // Empty while the datasource is inactive, which it is without a URL.
        this.dataSource = readDataSource.listActive().stream().findFirst().orElse(null);
    }

    public boolean configured() {
        return dataSource != null;
    }

    AgroalDataSource dataSource() {
        return dataSource;
    }

    /**
     * The primary's log position up to which the replica shows every commit; empty while it
     * cannot tell (a stopped subscription). {@link LogPosition#CURRENT} for a database that
     * replicates nothing.
     */
    public Optional<LogPosition> replayed() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(REPLAYED)) {
            row.next();
            String position = row.getString(1);
            if (position == null) {
                return Optional.empty();
            }
            return Optional.of(position.equals("current") ? LogPosition.CURRENT : LogPosition.parse(position));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not ask the read replica how far it has replayed", e);
        }
    }
}
