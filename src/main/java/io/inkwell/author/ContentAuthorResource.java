package io.inkwell.author;

import io.inkwell.common.paging.PagingParams;
import io.inkwell.author.AuthorDtos.PublicAuthorView;
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
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Public authors: only those with at least one published post. */
@Path("/api/content/authors")
@Produces(MediaType.APPLICATION_JSON)
public class ContentAuthorResource {

    private final EntityManager entityManager;
    private final ContentCache cache;
    private final Json json;

    public ContentAuthorResource(EntityManager entityManager, ContentCache cache, Json json) {
        this.entityManager = entityManager;
        this.cache = cache;
        this.json = json;
    }

    @GET
    public Response list(@BeanParam PagingParams pagingParams,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch, UriInfo uri) {
        PageRequest paging = pagingParams.toPageRequest();
        return cache.respond("authors?" + paging.page() + "&" + paging.limit(), ifNoneMatch,
                () -> Optional.of(json.write(paging.toPage(query(null, paging), countPublished()))),
                () -> notFound(uri));
    }

    @GET
    @Path("{slug}")
    public Response get(@PathParam("slug") String slug, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
            UriInfo uri) {
        return cache.respond("authors/" + slug.toLowerCase(Locale.ROOT), ifNoneMatch,
                () -> query(slug, new PageRequest(1, 1)).stream().findFirst().map(json::write),
                () -> notFound(uri));
    }

    @SuppressWarnings("unchecked")
    private List<PublicAuthorView> query(String slug, PageRequest paging) {
        List<Object[]> rows = entityManager.createNativeQuery("""
                select a.slug, a.name, a.bio, count(*)
                from author a join live_post_author la on la.author_id = a.id
                where cast(?1 as text) is null or lower(a.slug) = lower(cast(?1 as text))
                group by a.id
                order by lower(a.name), a.id
                limit ?2 offset ?3""")
                .setParameter(1, slug)
                .setParameter(2, paging.limit())
                .setParameter(3, paging.offset())
                .getResultList();
        return rows.stream().map(row -> new PublicAuthorView((String) row[0], (String) row[1], (String) row[2],
                ((Number) row[3]).longValue())).toList();
    }

    private long countPublished() {
        return ((Number) entityManager.createNativeQuery("select count(distinct author_id) from live_post_author")
                .getSingleResult()).longValue();
    }

    private Response notFound(UriInfo uri) {
        return Problems.response(HttpStatus.NOT_FOUND, "No published author with this slug.", uri);
    }
}
