package io.inkwell.post;

import io.inkwell.auth.Permissions;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.RequestReader;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.post.PostDtos.NoOptions;
import io.inkwell.post.PostDtos.PostView;
import io.inkwell.post.PostDtos.RevisionDiff;
import io.inkwell.post.PostDtos.RevisionSummary;
import io.inkwell.post.PostDtos.RevisionView;
import io.inkwell.common.web.WriteSlot;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Admin API for a post's revisions: list, read, compare, and restore one as the working copy. */
@PermissionsAllowed(Permissions.POSTS_READ)
@Path("/api/admin/posts/{id}/revisions")
@Produces(MediaType.APPLICATION_JSON)
public class PostRevisionResource {

    private final PostRevisionService revisions;
    private final PostService posts;
    private final RequestReader reader;

    public PostRevisionResource(PostRevisionService revisions, PostService posts, RequestReader reader) {
        this.revisions = revisions;
        this.posts = posts;
        this.reader = reader;
    }

    @GET
    public Page<RevisionSummary> list(@PathParam("id") UUID id, @BeanParam PagingParams paging) {
        return revisions.list(id, paging.toPageRequest());
    }

    @GET
    @Path("{rev}")
    public RevisionView get(@PathParam("id") UUID id, @PathParam("rev") int number) {
        return revisions.get(id, number);
    }

    @GET
    @Path("{rev}/diff")
    public RevisionDiff diff(@PathParam("id") UUID id, @PathParam("rev") int number,
            @QueryParam("against") String against) {
        return revisions.diff(id, number, against);
    }

    @PermissionsAllowed(Permissions.POSTS_WRITE)
    @POST
    @WriteSlot
    @Path("{rev}/restore")
    public Response restore(@PathParam("id") UUID id, @PathParam("rev") int number,
            @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch, byte[] body) {
        reader.readOptional(body, NoOptions.class);
        PostView post = posts.restoreRevision(id, number, VersionPrecondition.ifMatch(ifMatch));
        return VersionPrecondition.tagged(Response.ok(), post, post.version());
    }
}
