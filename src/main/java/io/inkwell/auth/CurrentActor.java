package io.inkwell.auth;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** The actor of the current request: its token, anonymous without one, the system outside a request. */
@ApplicationScoped
public class CurrentActor {

    private final Instance<SecurityIdentity> identity;

    public CurrentActor(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    public Actor get() {
        if (!Arc.container().requestContext().isActive()) {
            return Actor.SYSTEM;
        }
        Actor actor = identity.get().getAttribute(TokenIdentityProvider.ACTOR_ATTRIBUTE);
        return actor == null ? Actor.ANONYMOUS : actor;
    }
}
