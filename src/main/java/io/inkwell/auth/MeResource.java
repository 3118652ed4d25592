package io.inkwell.auth;

import io.inkwell.auth.TokenDtos.TokenView;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Tells a token who it is: a client can check its token and role before it writes. */
@Authenticated
@Path("/api/admin/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    private final TokenService tokens;
    private final CurrentActor actor;

    public MeResource(TokenService tokens, CurrentActor actor) {
        this.tokens = tokens;
        this.actor = actor;
    }

    /** The calling token, never its secret. */
    @GET
    public TokenView me() {
        return tokens.get(actor.get().tokenId());
    }
}
