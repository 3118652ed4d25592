package io.inkwell.common.slug;

import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.web.Patch;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
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
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

    /** A new one: a fresh id, the name, and its slug (the explicit one, or made from the name; taken is 409). */
    protected void start(String name, String explicitSlug, Predicate<String> slugTaken, OffsetDateTime now) {
        id = UUID.randomUUID();
        this.name = name.strip();
        slug = SlugAllocator.allocateExact(explicitSlug, this.name, slugTaken);
        createdAt = now;
        updatedAt = createdAt;
    }

    /**
     * Applies the name and slug of an edit, where sent: null is 422, a blank name 422, a taken
     * slug 409. Marks it updated.
     *
     * @return whether the name or slug was sent: posts show those, so their snapshots follow
     */
    protected boolean rename(Patch<?> patch, String newName, String newSlug, Predicate<String> slugTaken,
            OffsetDateTime now) {
        Map<String, Object> required = new HashMap<>();
        required.put("name", newName);
        required.put("slug", newSlug);
        patch.requireNonNullWhenPresent(required);
        if (patch.has("name")) {
            if (newName.isBlank()) {
                throw new InvalidInputException("name", "Must not be blank.");
            }
            name = newName.strip();
        }
        if (patch.has("slug")) {
            slug = SlugAllocator.reallocate(slug, newSlug, slugTaken);
        }
        updatedAt = now;
        return patch.has("name") || patch.has("slug");
    }
}
