package io.inkwell.post;

import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.Json;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
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
@Path("/api/content/{kind: posts|pages}")
@Produces(MediaType.APPLICATION_JSON)
public class ContentPostResource {

    private final EntityManager entityManager;
    private final ContentCache cache;
    private final Json json;

    public ContentPostResource(EntityManager entityManager, ContentCache cache, Json json) {
        this.entityManager = entityManager;
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Response list(@PathParam("kind") String kind, @BeanParam PagingParams pagingParams, @QueryParam("tag") String tag,
            @QueryParam("category") String category, @QueryParam("author") String author,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        String type = type(kind);
        String tagSlug = lower(tag);
        String categorySlug = lower(category);
        String authorSlug = lower(author);
        String key = kind + "?" + paging.page() + "&" + paging.limit() + "&t=" + tagSlug + "&c=" + categorySlug
                + "&a=" + authorSlug;
        return cache.respond(key, ifNoneMatch,
                () -> Optional.of(listJson(type, tagSlug, categorySlug, authorSlug, paging)),
                () -> Problems.response(HttpStatus.NOT_FOUND, "Nothing here.", uri));
    }

    @GET
    @Path("{slug}")
    public Response get(@PathParam("kind") String kind, @PathParam("slug") String slug,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        String type = type(kind);
        String key = kind + "/" + slug.toLowerCase(Locale.ROOT);
        return cache.respond(key, ifNoneMatch, () -> body(type, slug), () -> redirectOrNotFound(kind, type, slug, uri));
    }

    private Optional<String> body(String type, String slug) {
        @SuppressWarnings("unchecked")
        List<String> found = entityManager.createNativeQuery(
                "select body_json from live_post where type = ?1 and lower(slug) = lower(?2)")
                .setParameter(1, type).setParameter(2, slug).getResultList();
        return found.stream().findFirst();
    }

    /** An old slug of a live post answers 301 with the current address. */
    private Response redirectOrNotFound(String kind, String type, String slug, UriInfo uri) {
        @SuppressWarnings("unchecked")
        List<String> current = entityManager.createNativeQuery("""
                select lp.slug from post_slug_alias a join live_post lp on lp.post_id = a.post_id
                where a.type = ?1 and lower(a.slug) = lower(?2) and lp.type = ?1""")
                .setParameter(1, type).setParameter(2, slug).getResultList();
        if (!current.isEmpty() && !current.get(0).equalsIgnoreCase(slug)) {
            return Response.status(Response.Status.MOVED_PERMANENTLY)
                    .location(URI.create("/api/content/" + kind + "/" + current.get(0)))
                    .build();
        }
        return Problems.response(HttpStatus.NOT_FOUND, "No published " + type + " with this slug.", uri);
    }

    @SuppressWarnings("unchecked")
    private String listJson(String type, String tag, String category, String author, PageRequest paging) {
        String filters = """
                from live_post lp where lp.type = ?1
                and (cast(?2 as text) is null or exists (select 1 from live_post_term lt join term t on t.id = lt.term_id
                     where lt.post_id = lp.post_id and t.taxonomy = 'tag' and lower(t.slug) = cast(?2 as text)))
                and (cast(?3 as text) is null or exists (select 1 from live_post_term lt join term t on t.id = lt.term_id
                     where lt.post_id = lp.post_id and t.taxonomy = 'category' and lower(t.slug) = cast(?3 as text)))
                and (cast(?4 as text) is null or exists (select 1 from live_post_author la join author a on a.id = la.author_id
                     where la.post_id = lp.post_id and lower(a.slug) = cast(?4 as text)))
                """;
        List<String> summaries = entityManager.createNativeQuery("select lp.summary_json " + filters
                        + " order by lp.published_at desc, lp.post_id limit ?5 offset ?6")
                .setParameter(1, type).setParameter(2, tag).setParameter(3, category).setParameter(4, author)
                .setParameter(5, paging.limit()).setParameter(6, paging.offset())
                .getResultList();
        long total = ((Number) entityManager.createNativeQuery("select count(*) " + filters)
                .setParameter(1, type).setParameter(2, tag).setParameter(3, category).setParameter(4, author)
                .getSingleResult()).longValue();
        // The summaries are JSON already; only the envelope is assembled here.
        return "{\"items\":[" + String.join(",", summaries) + "],\"pagination\":"
                + json.write(paging.pagination(total)) + "}";
    }

    private static String type(String kind) {
        return "posts".equals(kind) ? "post" : "page";
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
