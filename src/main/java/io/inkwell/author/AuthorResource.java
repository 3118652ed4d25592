package io.inkwell.author;

import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.inkwell.common.paging.PagingParams;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.author.AuthorDtos.AuthorView;
import io.inkwell.author.AuthorDtos.CreateAuthorRequest;
import io.inkwell.author.AuthorDtos.UpdateAuthorRequest;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.RequestReader;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.common.web.WriteSlot;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

@PermissionsAllowed(Permissions.TAXONOMY_READ)
@Path("/api/admin/authors")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthorResource {

    private final AuthorService service;
    private final RequestReader reader;

    public AuthorResource(AuthorService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GET
    public Page<AuthorView> list(@BeanParam PagingParams pagingParams) {
        return service.list(pagingParams.toPageRequest());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @POST
    @WriteSlot
    public Response create(ObjectNode body, UriInfo uri) {
        AuthorView created = service.create(reader.read(body, CreateAuthorRequest.class));
        return VersionPrecondition.tagged(Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()),
                created, created.version());
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        AuthorView author = service.get(id);
        return VersionPrecondition.tagged(Response.ok(), author, author.version());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @PATCH
    @WriteSlot
    @Path("{id}")
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            ObjectNode body) {
        AuthorView author = service.update(id, VersionPrecondition.ifMatch(ifMatch),
                reader.readMergePatch(body, UpdateAuthorRequest.class));
        return VersionPrecondition.tagged(Response.ok(), author, author.version());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @DELETE
    @WriteSlot
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch) {
        service.delete(id, VersionPrecondition.ifMatch(ifMatch));
        return Response.noContent().build();
    }
}
