package io.inkwell.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a bearer token into an identity with its role and that role's permissions ({@link Role});
 * answered from memory ({@link TokenService}).
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity's attribute holding its {@link Actor}. */
    static final String ACTOR_ATTRIBUTE = "inkwell.actor";

    private final TokenService tokens;

    public TokenIdentityProvider(TokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        return tokens.authenticate(request.getToken().getToken())
                .map(actor -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(actor.tokenId().toString()))
                        .addRole(actor.role().wireName())
                        .addPermissionsAsString(actor.role().permissions())
                        .addAttribute(ACTOR_ATTRIBUTE, actor)
                        .build()))
                // The token itself is never put in a message or a log.
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("The bearer token is not valid.")));
    }
}
