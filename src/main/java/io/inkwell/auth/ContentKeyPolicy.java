package io.inkwell.auth;

import io.quarkus.security.StringPermission;
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

    private static final StringPermission CONTENT_READ = new StringPermission(Permissions.CONTENT_READ);

    @Override
    public Uni<CheckResult> checkPermission(RoutingContext request, Uni<SecurityIdentity> identity,
            AuthorizationRequestContext context) {
        return identity.flatMap(caller -> caller.isAnonymous()
                ? Uni.createFrom().item(CheckResult.DENY)
                : caller.checkPermission(CONTENT_READ).map(granted -> granted ? CheckResult.PERMIT : CheckResult.DENY));
    }

    @Override
    public String name() {
        return "content-key";
    }
}
