package io.inkwell.feed;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.ContentRoute;
import io.inkwell.common.web.KeyedContent;
import io.inkwell.term.Taxonomy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * RSS, Atom and JSON feeds of the newest live posts, for the whole site and for each tag,
 * category and author; served from the Content API's cache until content changes.
 */
@PermitAll
@Path("/api/content/feeds")
public class FeedResource {

    /** A feed shows live posts (and the names of their terms and authors, which reach posts' own keys). */
    private static final List<String> FEED_KEYS = List.of(ContentKeys.listOf("post"));

    static final String NEEDS_PUBLIC_URL = "Feeds need the site's address for their links: set INKWELL_PUBLIC_URL.";

    private final FeedService feeds;
    private final ContentCache cache;

    public FeedResource(FeedService feeds, ContentCache cache) {
        this.feeds = feeds;
        this.cache = cache;
    }

    @GET
    @Path("{format}")
    public Uni<Response> site(@PathParam("format") String format, HttpServerRequest request, UriInfo uri) {
        return respond("feeds/" + format, format, request, uri, chosen -> Optional.of(feeds.site(chosen)));
    }

    @GET
    @Path("{scope: tags|categories|authors}/{slug}/{format}")
    public Uni<Response> scoped(@PathParam("scope") String scope, @PathParam("slug") String slug,
            @PathParam("format") String format, HttpServerRequest request, UriInfo uri) {
        String lower = slug.toLowerCase(Locale.ROOT);
        return respond("feeds/" + scope + "/" + lower + "/" + format, format, request, uri, chosen -> switch (scope) {
            case "tags" -> feeds.term(Taxonomy.TAG, lower, chosen);
            case "categories" -> feeds.term(Taxonomy.CATEGORY, lower, chosen);
            default -> feeds.author(lower, chosen);
        });
    }

    private Uni<Response> respond(String key, String fileName, HttpServerRequest request, UriInfo uri,
            Function<FeedFormat, Optional<String>> feed) {
        Optional<FeedFormat> format = FeedFormat.ofFileName(fileName);
        if (format.isEmpty()) {
            return Uni.createFrom().item(Problems.response(HttpStatus.NOT_FOUND, "No feed named '" + fileName + "': use "
                    + FeedFormat.NAMES + ".", uri));
        }
        if (!feeds.available()) {
            return Uni.createFrom().item(Problems.response(HttpStatus.NOT_FOUND, NEEDS_PUBLIC_URL, uri));
        }
        return cache.respond(key, ContentRoute.FEED, request,
                () -> feed.apply(format.get()).map(body -> new KeyedContent(body, format.get().mediaType, FEED_KEYS)),
                () -> Problems.response(HttpStatus.NOT_FOUND, "Nothing published under this address.", uri));
    }
}
