package io.inkwell.post;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

/** A page is a post outside the blog's chronology (About, Contact), as in Ghost. */
public enum PostType {
    POST, PAGE;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static class Column implements AttributeConverter<PostType, String> {
        @Override
        public String convertToDatabaseColumn(PostType type) {
            return type == null ? null : type.toString();
        }

        @Override
        public PostType convertToEntityAttribute(String value) {
            return value == null ? null : PostType.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
