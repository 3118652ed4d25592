package io.inkwell.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Authentication runs only when a request needs a caller ({@code quarkus.http.auth.proactive=false}),
 * so an anonymous Content API read pays nothing for it. A bad token on an Admin API address then
 * fails the route, and Quarkus's last-resort handler would answer an empty 401; this handler
 * answers it as the mechanism does, with problem+json (or the 429 of a blocked address).
 */
@ApplicationScoped
class AuthenticationChallenges {

    void install(@Observes Router router, BearerTokenMechanism mechanism) {
        router.route().failureHandler(context -> challenge(context, mechanism));
    }

    private static void challenge(RoutingContext context, BearerTokenMechanism mechanism) {
        if (!causedByFailedAuthentication(context.failure()) || context.response().ended()) {
            context.next();
            return;
        }
        // As Quarkus's own challenge does: a body the request still holds is read, not left on the connection.
        context.request().resume();
        mechanism.sendChallenge(context).subscribe().with(sent -> { }, context::fail);
    }

    private static boolean causedByFailedAuthentication(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
