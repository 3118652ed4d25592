package io.inkwell.author;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.ContentRoute;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.KeyedContent;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Public authors: only those with at least one published post. */
@PermitAll
@Path("/api/content/authors")
@Produces(MediaType.APPLICATION_JSON)
public class ContentAuthorResource {

    private final AuthorService authors;
    private final ContentCache cache;
    private final Json json;

    public ContentAuthorResource(AuthorService authors, ContentCache cache, Json json) {
        this.authors = authors;
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Uni<Response> list(@BeanParam PagingParams pagingParams,
            HttpServerRequest request, UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        return cache.respond("authors?" + paging.page() + "&" + paging.limit(), ContentRoute.LIST, request,
                () -> Optional.of(KeyedContent.json(json.write(authors.published(paging)), List.of(ContentKeys.AUTHORS))),
                () -> notFound(uri));
    }

    @GET
    @Path("{slug}")
    public Uni<Response> get(@PathParam("slug") String slug, HttpServerRequest request,
            UriInfo uri) {
        return cache.respond("authors/" + slug.toLowerCase(Locale.ROOT), ContentRoute.ITEM, request,
                () -> authors.published(slug).map(author -> KeyedContent.json(json.write(author),
                        List.of(ContentKeys.author(author.id()), ContentKeys.AUTHORS))),
                () -> notFound(uri));
    }

    private Response notFound(UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No published author with this slug.", uri);
    }
}
