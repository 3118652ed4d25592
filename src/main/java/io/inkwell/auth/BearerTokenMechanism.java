package io.inkwell.auth;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.CorsPolicy;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.Routes;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.security.credential.TokenCredential;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} on Admin API addresses; every other request is
 * anonymous at once, so public reads pay for nothing. Which endpoint needs which role is said
 * on the endpoint ({@code @RolesAllowed}, {@code @PermitAll}); an endpoint that says nothing is
 * refused ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String CHALLENGE = "Bearer realm=\"inkwell-admin\"";

    private final Json json;
    private final CorsPolicy cors;

    public BearerTokenMechanism(Json json, CorsPolicy cors) {
        this.json = json;
        this.cors = cors;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null || !Routes.isAdmin(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /** The 401 as problem+json, saying whether the token was missing or not valid. */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        String detail = bearerToken(context) == null
                ? "The Admin API needs an 'Authorization: Bearer <token>' header."
                : "The bearer token is not valid.";
        String body = json.write(Problems.body(HttpStatus.UNAUTHORIZED, detail, List.of(), context.request().path()));
        context.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", CHALLENGE)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        // An allowed browser origin may read why it was refused.
        cors.grant(context.normalizedPath(), context.request().getHeader("Origin"))
                .ifPresent(grant -> grant.responseHeaders().forEach(context.response()::putHeader));
        return Uni.createFrom().completionStage(context.response().end(body).toCompletionStage()).replaceWith(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }
}
