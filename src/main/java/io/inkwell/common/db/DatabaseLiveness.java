package io.inkwell.common.db;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness fails once the database has been unreachable for longer than
 * {@code inkwell.health.database-grace}: a server that cannot get its database back is worth
 * restarting (an orchestrator does that on a failed liveness check). A short outage, such as the
 * embedded database restarting itself, only fails readiness.
 */
@Liveness
@ApplicationScoped
public class DatabaseLiveness implements HealthCheck {

    private final DataSource dataSource;
    private final Duration grace;
    private final Clock clock = Clock.systemUTC();
    private volatile Instant unreachableSince;

    public DatabaseLiveness(DataSource dataSource, InkwellConfig config) {
        this.dataSource = dataSource;
        this.grace = config.health().databaseGrace();
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Database reachable");
        String failure = probe();
        if (failure == null) {
            unreachableSince = null;
            return response.up().build();
        }
        Instant now = clock.instant();
        Instant since = unreachableSince;
        if (since == null) {
            unreachableSince = since = now;
        }
        response.withData("unreachableSince", since.toString()).withData("error", failure);
        return Duration.between(since, now).compareTo(grace) > 0 ? response.down().build() : response.up().build();
    }

    // A raw pooled connection on purpose: this is a probe of the pool and the database, not app
    // work, and it must not depend on a transaction or a Hibernate session.
    private String probe() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2) ? null : "the connection did not answer";
        } catch (SQLException e) {
            // Every pooled connection busy is a loaded server, not a lost database.
            return String.valueOf(e.getMessage()).contains("acquisition timeout") ? null : "cannot connect";
        }
    }
}
