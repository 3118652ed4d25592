package io.inkwell.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.post.PostType;
import java.time.OffsetDateTime;
import java.util.List;

/** What {@link HugoExport} needs of a post or page. Null and empty values are left out of the file. */
public record ExportPost(
        PostType type,
        String slug,
        String title,
        OffsetDateTime publishedAt,
        OffsetDateTime updatedAt,
        boolean draft,
        OffsetDateTime expiryDate,
        List<String> tags,
        List<String> categories,
        List<String> authors,
        String excerpt,
        String featureImage,
        String featureImageAlt,
        List<String> aliases,
        ObjectNode meta,
        String markdown) {

    public ExportPost {
        tags = tags == null ? List.of() : List.copyOf(tags);
        categories = categories == null ? List.of() : List.copyOf(categories);
        authors = authors == null ? List.of() : List.copyOf(authors);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        markdown = markdown == null ? "" : markdown;
    }
}
