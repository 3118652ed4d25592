package io.inkwell.term;

import io.inkwell.common.paging.PageRequest;
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
        return find("taxonomy = ?1 and lower(name) = lower(?2) order by case when name = ?2 then 0 else 1 end, createdAt, id",
                taxonomy, name).firstResultOptional();
    }

    /**
     * Until the transaction ends, this name (any case) is this transaction's to give: a rename
     * to it and a post making a term of it wait for each other, so neither misses the other.
     */
    public void lockName(Taxonomy taxonomy, String name) {
        getEntityManager().createNativeQuery("select 1 from pg_advisory_xact_lock(?1, hashtext(?2 || ':' || lower(?3)))")
                .setParameter(1, NamedReferences.NAME_LOCKS).setParameter(2, taxonomy.value()).setParameter(3, name)
                .getSingleResult();
    }

    public boolean nameTaken(Taxonomy taxonomy, String name, UUID exceptId) {
        return count("taxonomy = ?1 and lower(name) = lower(?2) and id <> ?3", taxonomy, name,
                exceptId == null ? new UUID(0, 0) : exceptId) > 0;
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
                insert into term (id, taxonomy, slug, name, created_at, updated_at, version)
                values (?1, ?2, ?3, ?4, ?5, ?5, 0)
                on conflict (taxonomy, lower(slug)) do nothing""")
                .setParameter(1, UUID.randomUUID())
                .setParameter(2, taxonomy.value())
                .setParameter(3, slug)
                .setParameter(4, name)
                .setParameter(5, now)
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
