package io.inkwell.author;

import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.slug.NameLocks;
import io.inkwell.common.slug.NamedReferences;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class AuthorRepository implements PanacheRepositoryBase<Author, UUID> {

    private final Clock clock;

    public AuthorRepository(Clock clock) {
        this.clock = clock;
    }

    public Optional<Author> findBySlug(String slug) {
        return find("lower(slug) = lower(?1)", slug).firstResultOptional();
    }

    /**
     * The author a post means by this name: the one named so (any case; the exact spelling
     * first, then the oldest, should two be), a renamed author included.
     */
    public Optional<Author> findByName(String name) {
        return find("nameKey = ?1 order by case when name = ?2 then 0 else 1 end, createdAt, id", NamedReferences.key(name),
                NamedReferences.clean(name)).firstResultOptional();
    }

    /** As {@link io.inkwell.term.TermRepository#lockNames}, for authors. */
    public void lockNames(Collection<String> names) {
        NameLocks.lock(getEntityManager(), "author", names);
    }

    /** As {@link io.inkwell.term.TermRepository#lockSlugs}, for authors. */
    public void lockSlugs(Collection<String> slugs) {
        NameLocks.lock(getEntityManager(), "author-slug", slugs);
    }

    /** As {@link io.inkwell.term.TermRepository#slugsBearingTwice}, for authors. */
    public Map<String, List<String>> slugsBearingTwice(Collection<String> names) {
        return NameLocks.slugsBearingTwice(getEntityManager(), """
                select a.name_key, a.slug from author a where a.name_key in (
                    select b.name_key from author b group by b.name_key having count(*) > 1
                    intersect select w from regexp_split_to_table(?1, E'\\n') as w)
                order by a.slug""", names);
    }

    /** The oldest other author who bears this name (any spelling compared as one). */
    public Optional<Author> otherBearer(String name, UUID exceptId) {
        return find("nameKey = ?1 and id <> ?2 order by createdAt, id", NamedReferences.key(name),
                exceptId == null ? new UUID(0, 0) : exceptId).firstResultOptional();
    }

    public boolean slugTaken(String slug, UUID exceptId) {
        return count("lower(slug) = lower(?1) and id <> ?2", slug, exceptId == null ? new UUID(0, 0) : exceptId) > 0;
    }

    public List<Author> page(PageRequest page) {
        return find("order by lower(name), id").page(page.page() - 1, page.limit()).list();
    }

    /** Creates the author unless one with that slug exists; safe when two posts race to create it. */
    public Author upsert(String slug, String name) {
        OffsetDateTime now = io.inkwell.common.Times.now(clock);
        getEntityManager().createNativeQuery("""
                insert into author (id, slug, name, name_key, created_at, updated_at, version)
                values (?1, ?2, ?3, ?5, ?4, ?4, 0)
                on conflict (lower(slug)) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, slug)
                .setParameter(3, name)
                .setParameter(4, now)
                .setParameter(5, NamedReferences.key(name))
                .executeUpdate();
        return findBySlug(slug).orElseThrow();
    }

    /** A page of these authors, by name. */
    public List<Author> page(Collection<UUID> ids, PageRequest page) {
        return ids.isEmpty() ? List.of()
                : find("id in ?1 order by lower(name), id", ids).page(page.page() - 1, page.limit()).list();
    }
}
