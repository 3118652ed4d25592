package io.inkwell.common.slug;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * What posts name: an author, a tag or a category. One name and one slug each; two names with
 * the same slug ("Python", "python") are the same thing.
 */
@MappedSuperclass
public abstract class NamedEntity {
    @Id
    public UUID id;
    public String slug;
    public String name;
    /** {@link NamedReferences#key}: what names are compared by. */
    @Column(name = "name_key")
    public String nameKey;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** A new one: a fresh id, the name, and its slug (the explicit one, or made from the name; taken is 409). */
    protected void start(String name, String explicitSlug, Predicate<String> slugTaken, OffsetDateTime now) {
        id = UUID.randomUUID();
        this.name = NamedReferences.clean(name);
        nameKey = NamedReferences.key(this.name);
        slug = SlugAllocator.allocateExact(explicitSlug, this.name, slugTaken);
        createdAt = now;
        updatedAt = createdAt;
    }

    /** Whether these would change the name (once cleaned) or the slug. */
    protected boolean renamedBy(String newName, String newSlug) {
        return !NamedReferences.clean(newName).equals(name) || !Slugs.normalize(newSlug).equals(slug);
    }

    /**
     * Applies the name and slug of an edit, validated already (a request record checked by
     * Bean Validation); a slug taken by another is 409. Marks it updated.
     *
     * @return whether the name or slug changed: posts show those, so their snapshots follow
     */
    protected boolean rename(String newName, String newSlug, Predicate<String> slugTaken, OffsetDateTime now) {
        String oldName = name;
        String oldSlug = slug;
        name = NamedReferences.clean(newName);
        nameKey = NamedReferences.key(name);
        slug = SlugAllocator.reallocate(slug, newSlug, slugTaken);
        updatedAt = now;
        return !name.equals(oldName) || !slug.equals(oldSlug);
    }
}
