package io.inkwell.post;

import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.slug.Slugs;
import io.inkwell.post.PostDtos.FeatureImage;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What an author writes of a post: the one shape of a post's editable fields, which the Admin
 * API, the importer and the exporter all hand to and get from the post feature. Authors, tags
 * and categories are names (found, or created, by their slugs); {@code meta} is JSON object text.
 * {@code publishedAt} null lets publishing set it.
 */
public record PostContent(PostType type, String slug, String title, String markdown, String excerpt,
        FeatureImage featureImage, List<String> authors, List<String> tags, List<String> categories,
        OffsetDateTime publishedAt, OffsetDateTime unpublishAt, String meta) {

    public PostContent {
        authors = names(authors);
        tags = names(tags);
        categories = names(categories);
    }

    /**
     * This content as a post stores it: the title stripped, the slug in lower case, a blank
     * excerpt as none, no Markdown as empty, no meta as {@code {}}, times in UTC. An edit stores
     * this, and one whose stored form is the post's changes nothing.
     */
    public PostContent stored() {
        return new PostContent(type, slug == null ? null : Slugs.normalize(slug), title == null ? null : title.strip(),
                markdown == null ? "" : markdown, Text.blankToNull(excerpt), featureImage, authors, tags, categories,
                Times.utc(publishedAt), Times.utc(unpublishAt), meta == null ? "{}" : meta);
    }

    /** A copy that keeps a null name, for NamedReferences to report as {@code tags[i]}. */
    private static List<String> names(List<String> names) {
        return names == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(names));
    }
}
