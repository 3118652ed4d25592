package io.inkwell.auth;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Who is acting now: during an HTTP request, its token (anonymous without one); outside of one
 * (the scheduler, startup), the server itself.
 */
@ApplicationScoped
public class CurrentActor {

    private final Instance<SecurityIdentity> identity;
    private final Instance<CurrentVertxRequest> request;

    public CurrentActor(Instance<SecurityIdentity> identity, Instance<CurrentVertxRequest> request) {
        this.identity = identity;
        this.request = request;
    }

    public Actor get() {
        if (!Arc.container().requestContext().isActive() || request.get().getCurrent() == null) {
            return Actor.SYSTEM;
        }
        Actor actor = identity.get().getAttribute(TokenIdentityProvider.ACTOR_ATTRIBUTE);
        return actor == null ? Actor.ANONYMOUS : actor;
    }
}
