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

/** Turns a bearer token into an identity with the token's role; answered from memory ({@link TokenService}). */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** The identity's attribute holding the {@link TokenService.ActiveToken}. */
    static final String TOKEN_ATTRIBUTE = "inkwell.token";

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
        return tokens.find(request.getToken().getToken())
                .map(token -> Uni.createFrom().<SecurityIdentity>item(QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal(token.id().toString()))
                        .addRole(token.role())
                        .addAttribute(TOKEN_ATTRIBUTE, token)
                        .build()))
                // The token itself is never put in a message or a log.
                .orElseGet(() -> Uni.createFrom().failure(new AuthenticationFailedException("The bearer token is not valid.")));
    }
}
