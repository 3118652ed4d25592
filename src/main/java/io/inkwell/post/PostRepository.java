package io.inkwell.post;

import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.term.Taxonomy;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.ArrayList;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class PostRepository implements PanacheRepositoryBase<Post, UUID> {

    /** Admin list filters; null means "any". */
    public record Filter(PostStatus status, PostType type, String tag, String category, String author, String slug) {
    }

    /** Locks the row for the rest of the transaction, so concurrent writers queue instead of racing. */
    public Optional<Post> findForUpdate(UUID id) {
        return Optional.ofNullable(getEntityManager().find(Post.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    /**
     * Whether another post of the type has the slug, as its working copy or live: one query, as
     * it runs for every new post and every slug change.
     */
    public boolean slugTaken(PostType type, String slug, UUID exceptId) {
        Object taken = getEntityManager().createNativeQuery("""
                select exists (select 1 from post where type = ?1 and lower(slug) = lower(?2) and id <> ?3)
                    or exists (select 1 from live_post where type = ?1 and lower(slug) = lower(?2) and post_id <> ?3)""")
                .setParameter(1, type.toString())
                .setParameter(2, slug)
                .setParameter(3, exceptId == null ? new UUID(0, 0) : exceptId)
                .getSingleResult();
        return Boolean.TRUE.equals(taken);
    }

    /** {@code orderBy} is one of the sort keys the service allows, never client text. */
    public PanacheQuery<Post> filtered(Filter filter, String orderBy) {
        List<String> conditions = new ArrayList<>();
        Parameters parameters = new Parameters();
        if (filter.status() != null) {
            conditions.add("post.status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.type() != null) {
            conditions.add("post.type = :type");
            parameters.and("type", filter.type());
        }
        if (filter.slug() != null) {
            conditions.add("lower(post.slug) = lower(:slug)");
            parameters.and("slug", filter.slug());
        }
        if (filter.tag() != null) {
            conditions.add("exists (select 1 from Post p join p.terms t where p.id = post.id "
                    + "and t.taxonomy = :tagTaxonomy and lower(t.slug) = lower(:tag))");
            parameters.and("tagTaxonomy", Taxonomy.TAG).and("tag", filter.tag());
        }
        if (filter.category() != null) {
            conditions.add("exists (select 1 from Post p join p.terms t where p.id = post.id "
                    + "and t.taxonomy = :categoryTaxonomy and lower(t.slug) = lower(:category))");
            parameters.and("categoryTaxonomy", Taxonomy.CATEGORY).and("category", filter.category());
        }
        if (filter.author() != null) {
            conditions.add("exists (select 1 from Post p join p.authors a where p.id = post.id "
                    + "and lower(a.slug) = lower(:author))");
            parameters.and("author", filter.author());
        }
        String where = conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
        return find("from Post post" + where + " order by " + orderBy + ", post.id", parameters);
    }

    public List<Post> page(PanacheQuery<Post> query, PageRequest page) {
        return query.page(page.page() - 1, page.limit()).list();
    }

    /** Posts whose scheduled time has come, locked; rows another instance holds are skipped. */
    @SuppressWarnings("unchecked")
    public List<UUID> lockDueToPublish(OffsetDateTime now, int max) {
        return getEntityManager().createNativeQuery("""
                select id from post where status = 'scheduled' and published_at <= ?2
                order by published_at limit ?1 for update skip locked""")
                .setParameter(1, max).setParameter(2, now).getResultList();
    }

    @SuppressWarnings("unchecked")
    public List<UUID> lockDueToUnpublish(OffsetDateTime now, int max) {
        return getEntityManager().createNativeQuery("""
                select id from post where unpublish_at <= ?2
                order by unpublish_at limit ?1 for update skip locked""")
                .setParameter(1, max).setParameter(2, now).getResultList();
    }

    /** Records an old slug so the Content API can redirect it; the newest owner of a slug wins. */
    public void recordSlugAlias(PostType type, String oldSlug, UUID postId) {
        PostSlugAlias alias = getEntityManager().find(PostSlugAlias.class, new PostSlugAlias.Key(type, oldSlug));
        if (alias != null) {
            alias.postId = postId;
            return;
        }
        alias = new PostSlugAlias();
        alias.type = type.toString();
        alias.slug = oldSlug;
        alias.postId = postId;
        getEntityManager().persist(alias);
    }

    public Optional<Post> findBySlugForUpdate(PostType type, String slug) {
        return find("type = ?1 and lower(slug) = lower(?2)", type, slug)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Posts of any type with these (lower-case) slugs, with authors and terms, in one query. */
    public List<Post> findWithReferences(List<String> lowerCaseSlugs) {
        return find("select distinct p from Post p left join fetch p.authors left join fetch p.terms "
                + "where lower(p.slug) in ?1", lowerCaseSlugs).list();
    }

    public List<Post> referencing(ReferencedNamesChanged.Kind kind, UUID id) {
        return switch (kind) {
            case AUTHOR -> find("select distinct p from Post p join p.authors a where a.id = ?1", id).list();
            case TERM -> find("select distinct p from Post p join p.terms t where t.id = ?1", id).list();
            case IMAGE -> find("featureImageId", id).list();
        };
    }
}
