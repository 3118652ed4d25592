package io.inkwell.common.db;

import io.inkwell.common.web.Routes;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Chooses the database each Hibernate session uses, as it opens: the read replica for the
 * Content API's public reads ({@link Routes#readsFromReplica}) when one is configured
 * ({@link ReadReplica}), the primary for everything else: the Admin API (so an editor reads
 * their own writes), scheduled jobs and anything outside a request. Hibernate's "database per
 * tenant" mechanism carries the choice; the two "tenants" are the two copies of the same data.
 */
@PersistenceUnitExtension
@ApplicationScoped
class DatabaseRouting implements TenantResolver {

    static final String PRIMARY = "primary";
    static final String REPLICA = "replica";

    private final boolean replicaConfigured;

    DatabaseRouting(ReadReplica replica) {
        this.replicaConfigured = replica.configured();
    }

    @Override
    public String getDefaultTenantId() {
        return PRIMARY;
    }

    @Override
    public String resolveTenantId() {
        if (!replicaConfigured) {
            return PRIMARY;
        }
        RoutingContext request = Arc.container().instance(CurrentVertxRequest.class).get().getCurrent();
        return request != null && Routes.readsFromReplica(request.normalizedPath()) ? REPLICA : PRIMARY;
    }
}
