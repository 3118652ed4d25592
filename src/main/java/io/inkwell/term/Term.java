package io.inkwell.term;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A tag or a category. */
@Entity
@Table(name = "term")
public class Term {
    @Id
    public UUID id;
    @Convert(converter = TaxonomyConverter.class)
    public Taxonomy taxonomy;
    public String slug;
    public String name;
    public String description;
    @Column(name = "created_at")
    public OffsetDateTime createdAt;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;
    @Version
    public long version;

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
