package io.inkwell.common.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.customized.QuarkusConnectionProvider;
import io.quarkus.hibernate.orm.runtime.tenant.TenantConnectionResolver;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.engine.jdbc.connections.spi.ConnectionProvider;

/** The connection pools behind {@link DatabaseRouting}'s two choices. */
@PersistenceUnitExtension
@ApplicationScoped
class DatabaseConnections implements TenantConnectionResolver {

    private final ConnectionProvider primary;
    private final ConnectionProvider replica;

    DatabaseConnections(AgroalDataSource primaryDataSource, ReadReplica replica) {
        this.primary = new QuarkusConnectionProvider(primaryDataSource);
        this.replica = replica.configured() ? new QuarkusConnectionProvider(replica.dataSource()) : primary;
    }

    @Override
    public ConnectionProvider resolve(String database) {
        return DatabaseRouting.REPLICA.equals(database) ? replica : primary;
    }
}
