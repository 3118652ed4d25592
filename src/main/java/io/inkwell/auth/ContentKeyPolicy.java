package io.inkwell.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The Content API's check when keys are required (INKWELL_CONTENT_REQUIRE_KEY, which switches
 * this policy on in application.properties): the token must grant {@link Permissions#CONTENT_READ}.
 */
@ApplicationScoped
public class ContentKeyPolicy implements HttpSecurityPolicy {

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.map(caller -> {
            Actor actor = caller.getAttribute(TokenIdentityProvider.ACTOR_ATTRIBUTE);
            return actor != null && actor.can(Permissions.CONTENT_READ) ? CheckResult.PERMIT : CheckResult.DENY;
        });
    }

    @Override
    public String name() {
        return "content-key";
    }
}
