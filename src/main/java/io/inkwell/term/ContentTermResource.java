package io.inkwell.term;

import io.inkwell.common.paging.PagingParams;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.Json;
import io.inkwell.term.TermDtos.PublicTermView;
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
import java.util.List;
import java.util.Optional;

/** Public tags and categories: only those with at least one published post. */
@Path("/api/content/{taxonomy: tags|categories}")
@Produces(MediaType.APPLICATION_JSON)
public class ContentTermResource {

    private final EntityManager entityManager;
    private final ContentCache cache;
    private final Json json;

    public ContentTermResource(EntityManager entityManager, ContentCache cache, Json json) {
        this.entityManager = entityManager;
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Response list(@PathParam("taxonomy") String taxonomy, @BeanParam PagingParams pagingParams, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        Taxonomy kind = TermResource.taxonomy(taxonomy);
        return cache.respond(kind.plural() + "?" + paging.page() + "&" + paging.limit(), ifNoneMatch,
                () -> Optional.of(json.write(paging.toPage(query(kind, null, paging), countPublished(kind)))),
                () -> notFound(kind, uri));
    }

    @GET
    @Path("{slug}")
    public Response get(@PathParam("taxonomy") String taxonomy, @PathParam("slug") String slug,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        Taxonomy kind = TermResource.taxonomy(taxonomy);
        return cache.respond(kind.plural() + "/" + slug.toLowerCase(java.util.Locale.ROOT), ifNoneMatch,
                () -> query(kind, slug, new PageRequest(1, 1)).stream().findFirst().map(json::write),
                () -> notFound(kind, uri));
    }

    @SuppressWarnings("unchecked")
    private List<PublicTermView> query(Taxonomy kind, String slug, PageRequest paging) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select t.slug, t.name, t.description, count(*)
                from term t join live_post_term lt on lt.term_id = t.id
                where t.taxonomy = ?1 and (cast(?2 as text) is null or lower(t.slug) = lower(cast(?2 as text)))
                group by t.id
                order by lower(t.name), t.id
                limit ?3 offset ?4""")
                .setParameter(1, kind.value())
                .setParameter(2, slug)
                .setParameter(3, paging.limit())
                .setParameter(4, paging.offset())
                .getResultList();
        return rows.stream().map(row -> new PublicTermView((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).longValue())).toList();
    }

    private long countPublished(Taxonomy kind) {
        return ((Number) entityManager.createNativeQuery("""
                select count(distinct lt.term_id) from live_post_term lt join term t on t.id = lt.term_id
                where t.taxonomy = ?1""").setParameter(1, kind.value()).getSingleResult()).longValue();
    }

    private Response notFound(Taxonomy kind, UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No published " + kind.value() + " with this slug.", uri);
    }
}
