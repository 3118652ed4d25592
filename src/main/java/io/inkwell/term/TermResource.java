package io.inkwell.term;

import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.inkwell.common.paging.PagingParams;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.RequestReader;
import io.inkwell.term.TermDtos.CreateTermRequest;
import io.inkwell.term.TermDtos.TermView;
import io.inkwell.term.TermDtos.UpdateTermRequest;
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

/** Admin CRUD for tags and categories: one resource, since they are one mechanism. */
@PermissionsAllowed(Permissions.TAXONOMY_READ)
@Path("/api/admin/{taxonomy: tags|categories}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TermResource {

    private final TermService service;
    private final RequestReader reader;

    public TermResource(TermService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GET
    public Page<TermView> list(@PathParam("taxonomy") String taxonomy, @BeanParam PagingParams pagingParams) {
        return service.list(taxonomy(taxonomy), pagingParams.toPageRequest());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @POST
    @WriteSlot
    public Response create(@PathParam("taxonomy") String taxonomy, ObjectNode body, UriInfo uri) {
        TermView created = service.create(taxonomy(taxonomy), reader.read(body, CreateTermRequest.class));
        return VersionPrecondition.tagged(Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()),
                created, created.version());
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("taxonomy") String taxonomy, @PathParam("id") UUID id) {
        TermView term = service.get(taxonomy(taxonomy), id);
        return VersionPrecondition.tagged(Response.ok(), term, term.version());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @PATCH
    @WriteSlot
    @Path("{id}")
    public Response update(@PathParam("taxonomy") String taxonomy, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch, ObjectNode body) {
        TermView term = service.update(taxonomy(taxonomy), id, VersionPrecondition.ifMatch(ifMatch),
                reader.readMergePatch(body, UpdateTermRequest.class));
        return VersionPrecondition.tagged(Response.ok(), term, term.version());
    }

    @PermissionsAllowed(Permissions.TAXONOMY_WRITE)
    @DELETE
    @WriteSlot
    @Path("{id}")
    public Response delete(@PathParam("taxonomy") String taxonomy, @PathParam("id") UUID id,
            @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch) {
        service.delete(taxonomy(taxonomy), id, VersionPrecondition.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    static Taxonomy taxonomy(String plural) {
        return "tags".equals(plural) ? Taxonomy.TAG : Taxonomy.CATEGORY;
    }
}
