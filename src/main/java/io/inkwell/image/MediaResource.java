package io.inkwell.image;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
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

    public MediaResource(ImageService service) {
        this.service = service;
    }

    @GET
    public Response get(@PathParam("idOrHash") String idOrHash, @QueryParam("w") String width,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        Optional<Media> media = service.media(idOrHash, parseWidth(width));
        if (media.isEmpty()) {
            return Problems.response(HttpStatus.NOT_FOUND, "No image at this address.", uri);
        }
        Media found = media.get();
        Response.ResponseBuilder response = ifNoneMatch != null && ifNoneMatch.contains(found.etag())
                ? Response.notModified()
                : Response.ok(found.bytes(), found.contentType());
        return response.header(HttpHeaders.ETAG, found.etag())
                .header(HttpHeaders.CACHE_CONTROL, CACHE_FOREVER)
                .header("X-Content-Type-Options", "nosniff")
                .build();
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
