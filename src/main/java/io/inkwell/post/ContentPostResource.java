package io.inkwell.post;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentRoute;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Public, read-only posts and pages. Serves only live snapshots, as JSON prepared at publish
 * time; old slugs answer 301 to the current one.
 */
@PermitAll
@Path("/api/content/{kind: posts|pages}")
@Produces(MediaType.APPLICATION_JSON)
public class ContentPostResource {

    private final PublishedPosts published;
    private final ContentCache cache;

    public ContentPostResource(PublishedPosts published, ContentCache cache) {
        this.published = published;
        this.cache = cache;
    }

    @GET
    public Uni<Response> list(@PathParam("kind") String kind, @BeanParam PagingParams pagingParams, @QueryParam("tag") String tag,
            @QueryParam("category") String category, @QueryParam("author") String author,
            @QueryParam(ListCursor.PARAMETER) String cursor, HttpServerRequest request, UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        ListCursor after = cursor == null ? null : ListCursor.parse(cursor);
        if (after != null && pagingParams.hasPage()) {
            throw new BadRequestException("Give page or cursor, not both.",
                    List.of(new FieldError("page", "Leave it out when giving a cursor."),
                            new FieldError(ListCursor.PARAMETER, "Leave it out when giving a page.")));
        }
        String type = type(kind);
        ListFilter filter = ListFilter.of(tag, category, author);
        String key = kind + "?" + (after == null ? paging.page() : "c=" + after.encode()) + "&" + paging.limit()
                + filter.cacheKey();
        return cache.respond(key, ContentRoute.LIST, request,
                () -> Optional.of(published.list(type, filter, paging, after)),
                () -> Problems.response(HttpStatus.NOT_FOUND, "Nothing here.", uri));
    }

    @GET
    @Path("{slug}")
    public Uni<Response> get(@PathParam("kind") String kind, @PathParam("slug") String slug,
            HttpServerRequest request, UriInfo uri) {
        String type = type(kind);
        String key = kind + "/" + slug.toLowerCase(Locale.ROOT);
        return cache.respond(key, ContentRoute.ITEM, request, () -> published.body(type, slug), () -> redirectOrNotFound(kind, type, slug, uri));
    }

    /** An old slug of a live post answers 301 with the current address. */
    private Response redirectOrNotFound(String kind, String type, String slug, UriInfo uri) {
        Optional<String> current = published.currentSlug(type, slug);
        if (current.isPresent() && !current.get().equalsIgnoreCase(slug)) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create("/api/content/" + kind + "/" + current.get()))
                    .build();
        }
        return Problems.response(HttpStatus.NOT_FOUND, "No published " + type + " with this slug.", uri);
    }

    private static String type(String kind) {
        return "posts".equals(kind) ? "post" : "page";
    }
}
