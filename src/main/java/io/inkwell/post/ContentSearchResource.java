package io.inkwell.post;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.ContentRoute;
import io.inkwell.common.web.KeyedContent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Full-text search over published posts and pages ({@link PostSearch}). */
@PermitAll
@Path("/api/content/search")
@Produces(MediaType.APPLICATION_JSON)
public class ContentSearchResource {

    /** Results show live posts and pages, found by their text and their terms' and authors' names. */
    private static final List<String> SEARCHED = List.of(ContentKeys.SEARCH, ContentKeys.listOf("post"),
            ContentKeys.listOf("page"));

    private final PostSearch search;
    private final ContentCache cache;

    public ContentSearchResource(PostSearch search, ContentCache cache) {
        this.search = search;
        this.cache = cache;
    }

    @GET
    public Uni<Response> search(@QueryParam("q") String q, @BeanParam PagingParams pagingParams, @QueryParam("tag") String tag,
            @QueryParam("category") String category, @QueryParam("author") String author,
            HttpServerRequest request, UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        Optional<SearchQuery> query = SearchQuery.parse(q, errors);
        PageRequest paging = null;
        try {
            paging = pagingParams.toPageRequest();
        } catch (BadRequestException e) {
            errors.addAll(e.errors());
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid search.", errors);
        }
        PageRequest page = paging;
        ListFilter filter = ListFilter.of(tag, category, author);
        // The query is normalized and at most 200 characters, so a key stays small.
        String key = "search?" + page.page() + "&" + page.limit() + filter.cacheKey() + "&q=" + query.get().text();
        return cache.respond(key, ContentRoute.SEARCH, request,
                () -> Optional.of(KeyedContent.json(search.searchJson(query.get(), filter, page),
                        SEARCHED)),
                () -> Problems.response(HttpStatus.NOT_FOUND, "Nothing here.", uri));
    }
}
