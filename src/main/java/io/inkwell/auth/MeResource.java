package io.inkwell.auth;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Tells a token who it is: a client can check its token and role before it writes. */
@RolesAllowed("admin")
@Path("/api/admin/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    /** The calling token, never its secret. */
    public record TokenView(UUID tokenId, String name, String role, OffsetDateTime createdAt) {
    }

    private final SecurityIdentity identity;

    public MeResource(SecurityIdentity identity) {
        this.identity = identity;
    }

    @GET
    public TokenView me() {
        TokenService.ActiveToken token = identity.getAttribute(TokenIdentityProvider.TOKEN_ATTRIBUTE);
        return new TokenView(token.id(), token.name(), token.role(), token.createdAt());
    }
}
