package io.inkwell.image;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.EntityTags;
import io.inkwell.image.MediaCache.Media;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;

/**
 * Public image delivery. URLs carry the content hash, so a URL's bytes never change and
 * caches may keep them forever.
 */
@PermitAll
@Path("/media/{idOrHash}/{filename}")
public class MediaResource {

    static final String CACHE_FOREVER = "public, max-age=31536000, immutable";
    private final ImageService service;
    private final MediaRedirects redirects;

    public MediaResource(ImageService service, MediaRedirects redirects) {
        this.service = service;
        this.redirects = redirects;
    }

    @GET
    public Response get(@PathParam("idOrHash") String idOrHash, @QueryParam("w") String width,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        Integer asked = parseWidth(width);
        if (redirects.enabled()) {
            return redirect(idOrHash, asked, ifNoneMatch, uri);
        }
        Optional<Media> media = service.media(idOrHash, asked);
        if (media.isEmpty()) {
            return notFound(uri);
        }
        Media found = media.get();
        Response.ResponseBuilder response = EntityTags.noneMatchNames(ifNoneMatch, found.etag())
                ? Response.notModified()
                : Response.ok(found.bytes(), found.contentType());
        return withCacheHeaders(response, found.etag());
    }

    /** The same answer's headers, pointing to the public copy (a URL that never changes its bytes either). */
    private Response redirect(String idOrHash, Integer width, String ifNoneMatch, UriInfo uri) {
        Optional<ImageService.StoredMedia> stored = service.storedMedia(idOrHash, width);
        if (stored.isEmpty()) {
            return notFound(uri);
        }
        ImageService.StoredMedia found = stored.get();
        Response.ResponseBuilder response = EntityTags.noneMatchNames(ifNoneMatch, found.etag())
                ? Response.notModified()
                : Response.status(Response.Status.FOUND).location(redirects.locationOf(found.key()).orElseThrow());
        return withCacheHeaders(response, found.etag());
    }

    private static Response withCacheHeaders(Response.ResponseBuilder response, String etag) {
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    private static Response notFound(UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No image at this address.", uri);
    }

    private static Integer parseWidth(String width) {
        if (width == null || width.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(width);
        } catch (NumberFormatException e) {
            throw new BadRequestException("w", "Must be a whole number.");
        }
    }
}
