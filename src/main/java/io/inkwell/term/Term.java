package io.inkwell.term;

import io.inkwell.common.slug.NamedEntity;
import io.inkwell.common.Text;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.function.Predicate;

/** A tag or a category. */
@Entity
@Table(name = "term")
public class Term extends NamedEntity {
    @Convert(converter = TaxonomyConverter.class)
    public Taxonomy taxonomy;
    public String description;

    static Term create(Taxonomy taxonomy, String name, String explicitSlug, Predicate<String> slugTaken,
            OffsetDateTime now) {
        Term term = new Term();
        term.taxonomy = taxonomy;
        term.start(name, explicitSlug, slugTaken, now);
        return term;
    }

    /** Whether this edit changes anything, once its name is cleaned and a blank description read as none. */
    boolean changedBy(TermDtos.UpdateTermRequest edit) {
        return renamedBy(edit.name(), edit.slug()) || !Objects.equals(Text.blankToNull(edit.description()), description);
    }

    /** @return whether the name or slug changed */
    boolean edit(TermDtos.UpdateTermRequest edit, Predicate<String> slugTaken, OffsetDateTime now) {
        description = Text.blankToNull(edit.description());
        return rename(edit.name(), edit.slug(), slugTaken, now);
    }

    @Converter
    public static class TaxonomyConverter implements AttributeConverter<Taxonomy, String> {
        @Override
        public String convertToDatabaseColumn(Taxonomy taxonomy) {
            return taxonomy == null ? null : taxonomy.value();
        }

        @Override
        public Taxonomy convertToEntityAttribute(String value) {
            return value == null ? null : Taxonomy.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
