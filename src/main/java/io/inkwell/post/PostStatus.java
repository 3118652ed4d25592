package io.inkwell.post;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.Locale;

public enum PostStatus {
    DRAFT, SCHEDULED, PUBLISHED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter
    public static class Column implements AttributeConverter<PostStatus, String> {
        @Override
        public String convertToDatabaseColumn(PostStatus status) {
            return status == null ? null : status.toString();
        }

        @Override
        public PostStatus convertToEntityAttribute(String value) {
            return value == null ? null : PostStatus.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
