package io.inkwell.post;

import io.inkwell.author.AuthorPublications;
import io.inkwell.image.ImageUsers;
import io.inkwell.term.TermPublications;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What other features ask about posts, answered from the post feature's own tables. */
@ApplicationScoped
class PostReferences implements AuthorPublications, TermPublications, ImageUsers {

    private final EntityManager entityManager;

    PostReferences(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @Override
    public Map<UUID, Long> publishedPostsByAuthor(Collection<UUID> authorIds) {
        return authorIds.isEmpty() ? Map.of() : counts("select a, count(l) from LivePost l join l.authorIds a "
                + "where a in :ids group by a", authorIds);
    }

    @Override
    public Map<UUID, Long> publishedPostsByAuthor() {
        return counts("select a, count(l) from LivePost l join l.authorIds a group by a", null);
    }

    @Override
    public Map<UUID, Long> publishedPostsByTerm(Collection<UUID> termIds) {
        return termIds.isEmpty() ? Map.of() : counts("select t, count(l) from LivePost l join l.termIds t "
                + "where t in :ids group by t", termIds);
    }

    @Override
    public Map<UUID, Long> publishedPostsByTerm() {
        return counts("select t, count(l) from LivePost l join l.termIds t group by t", null);
    }

    @Override
    public Map<UUID, String> titles(Collection<UUID> postIds) {
        Map<UUID, String> titles = new HashMap<>();
        if (!postIds.isEmpty()) {
            entityManager.createQuery("select p.id, p.title from Post p where p.id in :ids", Object[].class)
                    .setParameter("ids", postIds).getResultList()
                    .forEach(row -> titles.put((UUID) row[0], (String) row[1]));
        }
        return titles;
    }

    private Map<UUID, Long> counts(String query, Collection<UUID> ids) {
        var typed = entityManager.createQuery(query, Object[].class);
        if (ids != null) {
            typed.setParameter("ids", ids);
        }
        Map<UUID, Long> counts = new HashMap<>();
        List<Object[]> rows = typed.getResultList();
        rows.forEach(row -> counts.put((UUID) row[0], ((Number) row[1]).longValue()));
        return counts;
    }
}
