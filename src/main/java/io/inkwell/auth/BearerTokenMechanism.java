package io.inkwell.auth;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.CorsPolicy;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.Routes;
import io.quarkus.security.AuthenticationFailedException;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <token>} on Admin API addresses (and on the Content API when
 * it needs keys); every other request is anonymous at once. Called only for requests that need a
 * caller ({@code quarkus.http.auth.proactive=false}), so public reads pay nothing for it. A
 * client address that sent too many bad tokens gets 429 ({@link FailedAuthentications}). What
 * each endpoint needs is said on it ({@code @PermissionsAllowed}, {@code @PermitAll}); an endpoint
 * that says nothing is refused ({@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String CHALLENGE = "Bearer realm=\"inkwell-admin\"";

    /** Set on a request refused for too many bad tokens: how long the client must wait. */
    private static final String BLOCKED_FOR = "inkwell.blockedFor";

    private final Json json;
    private final CorsPolicy cors;
    private final FailedAuthentications failures;
    private final boolean contentNeedsKey;

    public BearerTokenMechanism(Json json, CorsPolicy cors, FailedAuthentications failures, InkwellConfig config) {
        this.json = json;
        this.cors = cors;
        this.failures = failures;
        this.contentNeedsKey = config.content().requireKey();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String token = bearerToken(context);
        if (token == null || !readsTokens(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        String address = context.request().remoteAddress().hostAddress();
        Optional<Duration> blocked = failures.blockedFor(address);
        if (blocked.isPresent()) {
            context.put(BLOCKED_FOR, blocked.get());
            return Uni.createFrom().failure(new AuthenticationFailedException("Too many bad tokens."));
        }
        return identities.authenticate(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")))
                .onFailure(AuthenticationFailedException.class).invoke(() -> failures.recordFailure(address));
    }

    private boolean readsTokens(String path) {
        return Routes.isAdmin(path) || (contentNeedsKey && Routes.isContent(path));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", CHALLENGE));
    }

    /**
     * The 401 as problem+json, saying whether the token was missing or not valid; or the 429 of
     * a client that sent too many bad tokens.
     */
    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        Duration blockedFor = context.get(BLOCKED_FOR);
        String api = Routes.isAdmin(context.normalizedPath()) ? "The Admin API" : "The Content API";
        String detail = blockedFor != null
                ? "Too many bad tokens came from this address; wait " + seconds(blockedFor) + " s before sending another."
                : bearerToken(context) == null
                        ? api + " needs an 'Authorization: Bearer <token>' header."
                        : "The bearer token is not valid.";
        HttpStatus status = blockedFor != null ? HttpStatus.TOO_MANY_REQUESTS : HttpStatus.UNAUTHORIZED;
        String body = json.write(Problems.body(status, detail, List.of(), context.request().path()));
        context.response().setStatusCode(status.code())
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        if (blockedFor != null) {
            context.response().putHeader("Retry-After", Long.toString(seconds(blockedFor)));
        } else {
            context.response().putHeader("WWW-Authenticate", CHALLENGE);
        }
        // An allowed browser origin may read why it was refused.
        cors.grant(context.normalizedPath(), context.request().getHeader("Origin"))
                .ifPresent(grant -> grant.responseHeaders().forEach(context.response()::putHeader));
        return Uni.createFrom().completionStage(context.response().end(body).toCompletionStage()).replaceWith(true);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }
}
