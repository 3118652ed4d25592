package io.inkwell.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.post.PostType;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A Hugo or Jekyll post or page with the site generator's names mapped to ours. Image
 * references and shortcodes are still as in the source: {@link Shortcodes} and
 * {@link ImageReferences} work on {@code markdown} next.
 *
 * @param path              the site path of the source file
 * @param type              post or page
 * @param publishedAt       UTC; null when the source gives no date
 * @param lastmod           UTC or null
 * @param expiryDate        UTC or null: when the post is to be unpublished
 * @param excerpt           description, summary or excerpt; null when none is given
 * @param featureImage      the image reference as written (not yet resolved), or null
 * @param featureImageAlt   its alt text, or null
 * @param meta              every front-matter key we do not map, in the file's order, values untouched
 * @param markdown          the body with LF line endings and without leading blank lines
 * @param markdownFirstLine the file line on which {@code markdown} begins, to place body warnings
 * @param warnings          problems that did not stop the import of this file
 * @param nameErrors        each name of tags, categories or authors that is not one
 *                          ({@code NamedReferences#problemWithOwnName}), as {@code key[i]} (the key and position
 *                          in the file) with the rule it breaks, on the key's line
 */
public record ImportedPost(
        String path,
        PostType type,
        String slug,
        String title,
        OffsetDateTime publishedAt,
        OffsetDateTime lastmod,
        OffsetDateTime expiryDate,
        boolean draft,
        List<String> tags,
        List<String> categories,
        List<String> authors,
        String excerpt,
        String featureImage,
        String featureImageAlt,
        List<String> aliases,
        ObjectNode meta,
        String markdown,
        int markdownFirstLine,
        List<ImportMessage> warnings,
        List<ImportMessage> nameErrors) {

    public ImportedPost {
        tags = List.copyOf(tags);
        categories = List.copyOf(categories);
        authors = List.copyOf(authors);
        aliases = List.copyOf(aliases);
        warnings = List.copyOf(warnings);
        nameErrors = List.copyOf(nameErrors);
    }
}
