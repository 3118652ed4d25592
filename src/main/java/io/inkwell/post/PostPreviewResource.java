package io.inkwell.post;

import io.inkwell.common.web.RequestReader;
import io.inkwell.post.PostDtos.PreviewLink;
import io.inkwell.post.PostDtos.PreviewRequest;
import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;

/** Admin API: preview links of a post's working copy, for frontends' draft modes. */
@Path("/api/admin/posts/{id}/preview")
@Produces(MediaType.APPLICATION_JSON)
public class PostPreviewResource {

    private final PostPreviews previews;
    private final RequestReader reader;

    public PostPreviewResource(PostPreviews previews, RequestReader reader) {
        this.previews = previews;
        this.reader = reader;
    }

    /** The body is optional, as for publish: a bare {@code curl -X POST} asks for a day-long link. */
    @POST
    @PermissionsAllowed(Permissions.POSTS_WRITE)
    public Response create(@PathParam("id") UUID id, byte[] body, UriInfo uri) {
        PreviewLink link = previews.create(id, reader.readOptional(body, PreviewRequest.class), uri.getBaseUri());
        // The token is a credential: no cache between the editor and us may keep it.
        return Response.created(URI.create(link.url())).entity(link).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }
}
