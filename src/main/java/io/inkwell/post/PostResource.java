package io.inkwell.post;

import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.Text;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.RequestReader;
import io.inkwell.post.PostDtos.CreatePostRequest;
import io.inkwell.post.PostDtos.NoOptions;
import io.inkwell.post.PostDtos.PostView;
import io.inkwell.post.PostDtos.PublishRequest;
import io.inkwell.post.PostDtos.UnpublishRequest;
import io.inkwell.post.PostDtos.UpdatePostRequest;
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
import java.util.Locale;
import java.util.List;
import java.util.UUID;

/** Admin API for posts and pages. Every post response carries the ETag to send back as If-Match. */
@PermissionsAllowed(Permissions.POSTS_READ)
@Path("/api/admin/posts")
@Produces(MediaType.APPLICATION_JSON)
public class PostResource {

    private final PostService service;
    private final RequestReader reader;

    public PostResource(PostService service, RequestReader reader) {
        this.service = service;
        this.reader = reader;
    }

    @GET
    public Page<PostView> list(@QueryParam("status") String status, @QueryParam("type") String type,
            @QueryParam("tag") String tag, @QueryParam("category") String category,
            @QueryParam("author") String author, @QueryParam("slug") String slug, @QueryParam("sort") String sort,
            @BeanParam PagingParams pagingParams) {
        PageRequest paging = pagingParams.toPageRequest();
        PostRepository.Filter filter = new PostRepository.Filter(
                parse("status", status, PostStatus.class), parse("type", type, PostType.class),
                Text.blankToNull(tag), Text.blankToNull(category), Text.blankToNull(author), Text.blankToNull(slug));
        return service.list(filter, sort, paging);
    }

    @PermissionsAllowed(Permissions.POSTS_WRITE)
    @POST
    @WriteSlot
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(ObjectNode body, UriInfo uri) {
        PostView created = service.create(reader.read(body, CreatePostRequest.class));
        return withEtag(Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()), created);
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") UUID id) {
        return withEtag(Response.ok(), service.get(id));
    }

    @PermissionsAllowed(Permissions.POSTS_WRITE)
    @PATCH
    @WriteSlot
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            ObjectNode body) {
        return withEtag(Response.ok(), service.update(id, VersionPrecondition.ifMatch(ifMatch), reader.readMergePatch(body, UpdatePostRequest.class)));
    }

    @PermissionsAllowed(Permissions.POSTS_WRITE)
    @DELETE
    @WriteSlot
    @Path("{id}")
    public Response delete(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch) {
        service.delete(id, VersionPrecondition.ifMatch(ifMatch));
        return Response.noContent().build();
    }

    @PermissionsAllowed(Permissions.POSTS_PUBLISH)
    @POST
    @WriteSlot
    @Path("{id}/publish")
    public Response publish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            byte[] body) {
        return withEtag(Response.ok(), service.publish(id, VersionPrecondition.ifMatch(ifMatch), reader.readOptional(body, PublishRequest.class)));
    }

    @PermissionsAllowed(Permissions.POSTS_PUBLISH)
    @POST
    @WriteSlot
    @Path("{id}/unpublish")
    public Response unpublish(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            byte[] body) {
        return withEtag(Response.ok(), service.unpublish(id, VersionPrecondition.ifMatch(ifMatch), reader.readOptional(body, UnpublishRequest.class)));
    }

    @PermissionsAllowed(Permissions.POSTS_WRITE)
    @POST
    @WriteSlot
    @Path("{id}/discard-changes")
    public Response discardChanges(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) List<String> ifMatch,
            byte[] body) {
        reader.readOptional(body, NoOptions.class);
        return withEtag(Response.ok(), service.discardChanges(id, VersionPrecondition.ifMatch(ifMatch)));
    }

    private static Response withEtag(Response.ResponseBuilder builder, PostView post) {
        return VersionPrecondition.tagged(builder, post, post.version());
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(name, "Must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}
