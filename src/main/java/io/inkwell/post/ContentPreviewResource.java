package io.inkwell.post;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Content API: what a preview link shows, the working copy of one post in the shape of a
 * published one. The token is the only credential, so the route is public like the rest of the
 * Content API.
 */
@PermitAll
@Path("/api/content/preview")
@Produces(MediaType.APPLICATION_JSON)
public class ContentPreviewResource {

    /**
     * Rendered per request and never cached, here (no ContentCache, no ETag) or on the way: it
     * changes with every edit, and a shared cache must not hand one editor's draft to others.
     */
    static final String CACHE_CONTROL = "private, no-store";

    private final PostPreviews previews;

    public ContentPreviewResource(PostPreviews previews) {
        this.previews = previews;
    }

    @GET
    @Path("{token}")
    public Response get(@PathParam("token") String token) {
        return Response.ok(previews.workingCopy(token)).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
    }
}
