package io.inkwell.term;

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
import java.util.Optional;

/** Public tags and categories: only those with at least one published post. */
@PermitAll
@Path("/api/content/{taxonomy: tags|categories}")
@Produces(MediaType.APPLICATION_JSON)
public class ContentTermResource {

    private final TermService terms;
    private final ContentCache cache;
    private final Json json;

    public ContentTermResource(TermService terms, ContentCache cache, Json json) {
        this.terms = terms;
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Uni<Response> list(@PathParam("taxonomy") String taxonomy, @BeanParam PagingParams pagingParams, HttpServerRequest request,
            UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        Taxonomy kind = TermResource.taxonomy(taxonomy);
        return cache.respond(kind.plural() + "?" + paging.page() + "&" + paging.limit(), ContentRoute.LIST, request,
                () -> Optional.of(KeyedContent.json(json.write(terms.published(kind, paging)),
                        List.of(ContentKeys.terms(kind.value())))),
                () -> notFound(kind, uri));
    }

    @GET
    @Path("{slug}")
    public Uni<Response> get(@PathParam("taxonomy") String taxonomy, @PathParam("slug") String slug,
            HttpServerRequest request, UriInfo uri) {
        Taxonomy kind = TermResource.taxonomy(taxonomy);
        return cache.respond(kind.plural() + "/" + slug.toLowerCase(java.util.Locale.ROOT), ContentRoute.ITEM, request,
                () -> terms.published(kind, slug).map(term -> KeyedContent.json(json.write(term),
                        List.of(ContentKeys.term(term.id()), ContentKeys.terms(kind.value())))),
                () -> notFound(kind, uri));
    }

    private Response notFound(Taxonomy kind, UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No published " + kind.value() + " with this slug.", uri);
    }
}
