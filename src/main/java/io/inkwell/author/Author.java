package io.inkwell.author;

import io.inkwell.common.slug.NamedEntity;
import io.inkwell.common.web.Patch;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.function.Predicate;

@Entity
@Table(name = "author")
public class Author extends NamedEntity {
    public String bio;

    static Author create(String name, String explicitSlug, Predicate<String> slugTaken, OffsetDateTime now) {
        Author author = new Author();
        author.start(name, explicitSlug, slugTaken, now);
        return author;
    }

    boolean edit(Patch<AuthorDtos.UpdateAuthorRequest> patch, Predicate<String> slugTaken, OffsetDateTime now) {
        return rename(patch, patch.values().name(), patch.values().slug(), slugTaken, now);
    }
}
