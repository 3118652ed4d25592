package io.inkwell.term;

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
public class TermRepository implements PanacheRepositoryBase<Term, UUID> {

    private final Clock clock;

    public TermRepository(Clock clock) {
        this.clock = clock;
    }

    public Optional<Term> findById(Taxonomy taxonomy, UUID id) {
        return find("id = ?1 and taxonomy = ?2", id, taxonomy).firstResultOptional();
    }

    public Optional<Term> findBySlug(Taxonomy taxonomy, String slug) {
        return find("taxonomy = ?1 and lower(slug) = lower(?2)", taxonomy, slug).firstResultOptional();
    }

    /**
     * The term a post means by this name: the one named so (any case; the exact spelling
     * first, then the oldest, should two be), a renamed term included.
     */
    public Optional<Term> findByName(Taxonomy taxonomy, String name) {
        return find("taxonomy = ?1 and nameKey = ?2 order by case when name = ?3 then 0 else 1 end, createdAt, id",
                taxonomy, NamedReferences.key(name), NamedReferences.clean(name)).firstResultOptional();
    }

    /**
     * Until the transaction ends, these names (any case) are this transaction's to give: a rename
     * to one and a post making a term of it wait for each other, so neither misses the other.
     */
    public void lockNames(Taxonomy taxonomy, Collection<String> names) {
        NameLocks.lock(getEntityManager(), taxonomy.value(), names);
    }

    /** As {@link #lockNames}, for slugs an import creates terms with. */
    public void lockSlugs(Taxonomy taxonomy, Collection<String> slugs) {
        NameLocks.lock(getEntityManager(), taxonomy.value() + "-slug", slugs);
    }

    /**
     * Of these names (any case), those that two or more terms bear, each with their slugs in
     * order: a name on a post must mean one term.
     */
    public Map<String, List<String>> slugsBearingTwice(Taxonomy taxonomy, Collection<String> names) {
        return NameLocks.slugsBearingTwice(getEntityManager(), """
                select t.name_key, t.slug from term t where t.taxonomy = ?2 and t.name_key in (
                    select u.name_key from term u where u.taxonomy = ?2 group by u.name_key having count(*) > 1
                    intersect select w from regexp_split_to_table(?1, E'\\n') as w)
                order by t.slug""", names, taxonomy.value());
    }

    /** The oldest other term that bears this name (any spelling compared as one). */
    public Optional<Term> otherBearer(Taxonomy taxonomy, String name, UUID exceptId) {
        return find("taxonomy = ?1 and nameKey = ?2 and id <> ?3 order by createdAt, id", taxonomy, NamedReferences.key(name),
                exceptId == null ? new UUID(0, 0) : exceptId).firstResultOptional();
    }

    public boolean slugTaken(Taxonomy taxonomy, String slug, UUID exceptId) {
        return count("taxonomy = ?1 and lower(slug) = lower(?2) and id <> ?3", taxonomy, slug,
                exceptId == null ? new UUID(0, 0) : exceptId) > 0;
    }

    public List<Term> page(Taxonomy taxonomy, PageRequest page) {
        return find("taxonomy = ?1 order by lower(name), id", taxonomy).page(page.page() - 1, page.limit()).list();
    }

    public long countIn(Taxonomy taxonomy) {
        return count("taxonomy", taxonomy);
    }

    /** Creates the term unless one with that slug exists; safe when two posts race to create it. */
    public Term upsert(Taxonomy taxonomy, String slug, String name) {
        OffsetDateTime now = io.inkwell.common.Times.now(clock);
        getEntityManager().createNativeQuery("""
                insert into term (id, taxonomy, slug, name, name_key, created_at, updated_at, version)
                values (?1, ?2, ?3, ?4, ?6, ?5, ?5, 0)
                on conflict (taxonomy, lower(slug)) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, taxonomy.value())
                .setParameter(3, slug)
                .setParameter(4, name)
                .setParameter(5, now)
                .setParameter(6, NamedReferences.key(name))
                .executeUpdate();
        return findBySlug(taxonomy, slug).orElseThrow();
    }

    /** A page of those of these terms that are in the taxonomy, by name, and how many they are. */
    public List<Term> page(Taxonomy taxonomy, Collection<UUID> ids, PageRequest page) {
        return ids.isEmpty() ? List.of() : find("taxonomy = ?1 and id in ?2 order by lower(name), id", taxonomy, ids)
                .page(page.page() - 1, page.limit()).list();
    }

    public long countIn(Taxonomy taxonomy, Collection<UUID> ids) {
        return ids.isEmpty() ? 0 : count("taxonomy = ?1 and id in ?2", taxonomy, ids);
    }
}
