package io.inkwell.feed;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.ContentRoute;
import io.inkwell.common.web.KeyedContent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The frontend's sitemap, for its robots.txt to name; past INKWELL_SITEMAP_MAX_URLS addresses,
 * sitemap.xml is an index of numbered parts.
 */
@PermitAll
@Path("/api/content")
public class SitemapResource {

    /** The sitemap lists every live post and page, and the tags, categories and authors that have one. */
    private static final List<String> SITEMAP_KEYS = List.of(ContentKeys.listOf("post"), ContentKeys.listOf("page"),
            ContentKeys.TAGS, ContentKeys.CATEGORIES, ContentKeys.AUTHORS);

    static final String NEEDS_PUBLIC_URL = "A sitemap lists the site's addresses: set INKWELL_PUBLIC_URL.";

    private final SitemapService sitemaps;
    private final ContentCache cache;

    public SitemapResource(SitemapService sitemaps, ContentCache cache) {
        this.sitemaps = sitemaps;
        this.cache = cache;
    }

    @GET
    @Path("sitemap.xml")
    public Uni<Response> root(HttpServerRequest request, UriInfo uri) {
        return respond("sitemap", request, uri, () -> Optional.of(sitemaps.root()));
    }

    @GET
    @Path("sitemaps/{number}.xml")
    public Uni<Response> part(@PathParam("number") String number, HttpServerRequest request, UriInfo uri) {
        if (!number.matches("[1-9][0-9]{0,5}")) {
            return Uni.createFrom().item(notFound(uri));
        }
        int n = Integer.parseInt(number);
        return respond("sitemaps/" + n, request, uri, () -> sitemaps.part(n));
    }

    private Uni<Response> respond(String key, HttpServerRequest request, UriInfo uri, Supplier<Optional<String>> body) {
        if (!sitemaps.available()) {
            return Uni.createFrom().item(Problems.response(HttpStatus.NOT_FOUND, NEEDS_PUBLIC_URL, uri));
        }
        return cache.respond(key, ContentRoute.FEED, request,
                () -> body.get().map(xml -> new KeyedContent(xml, MediaType.APPLICATION_XML_TYPE, SITEMAP_KEYS)),
                () -> notFound(uri));
    }

    private static Response notFound(UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No such sitemap.", uri);
    }
}
