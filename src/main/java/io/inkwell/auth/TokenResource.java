package io.inkwell.auth;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.auth.TokenDtos.CreateTokenRequest;
import io.inkwell.auth.TokenDtos.IssuedToken;
import io.inkwell.auth.TokenDtos.RotateTokenRequest;
import io.inkwell.auth.TokenDtos.TokenView;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.RequestReader;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Duration;
import java.util.UUID;

/** Admin API for tokens and Content API keys. Secrets appear once, in the answer that makes them. */
@PermissionsAllowed(Permissions.TOKENS)
@Path("/api/admin/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokenResource {

    private final TokenService service;
    private final RequestReader reader;

    public TokenResource(TokenService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GET
    public Page<TokenView> list(@BeanParam PagingParams pagingParams) {
        return service.list(pagingParams.toPageRequest());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ObjectNode body, UriInfo uri) {
        IssuedToken issued = service.create(reader.readUnchecked(body, CreateTokenRequest.class));
        return Response.created(uri.getAbsolutePathBuilder().path(issued.token().id().toString()).build())
                .header("Cache-Control", "no-store").entity(issued).build();
    }

    @GET
    @Path("{id}")
    public TokenView get(@PathParam("id") UUID id) {
        return service.get(id);
    }

    @POST
    @Path("{id}/rotate")
    public Response rotate(@PathParam("id") UUID id, byte[] body) {
        RotateTokenRequest request = reader.readOptional(body, RotateTokenRequest.class);
        int grace = request == null || request.graceSeconds() == null ? TokenDtos.DEFAULT_GRACE_SECONDS : request.graceSeconds();
        return Response.ok(service.rotate(id, Duration.ofSeconds(grace))).header("Cache-Control", "no-store").build();
    }

    @DELETE
    @Path("{id}")
    public Response revoke(@PathParam("id") UUID id) {
        service.revoke(id);
        return Response.noContent().build();
    }
}
