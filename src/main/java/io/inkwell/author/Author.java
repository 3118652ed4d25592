package io.inkwell.author;

import io.inkwell.common.slug.NamedEntity;
import io.inkwell.common.Text;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
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

    /** Whether this edit changes anything, once its name is cleaned and a blank bio read as none. */
    boolean changedBy(AuthorDtos.UpdateAuthorRequest edit) {
        return renamedBy(edit.name(), edit.slug()) || !Objects.equals(Text.blankToNull(edit.bio()), bio);
    }

    /** @return whether the name or slug changed */
    boolean edit(AuthorDtos.UpdateAuthorRequest edit, Predicate<String> slugTaken, OffsetDateTime now) {
        bio = Text.blankToNull(edit.bio());
        return rename(edit.name(), edit.slug(), slugTaken, now);
    }
}
