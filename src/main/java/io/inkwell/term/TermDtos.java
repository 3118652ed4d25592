package io.inkwell.term;

import io.inkwell.common.web.MaxChars;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.inkwell.common.slug.ValidName;
import io.inkwell.common.slug.ValidSlug;
import io.inkwell.common.web.MergePatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request and response records of the tag and category endpoints. */
public final class TermDtos {

    private TermDtos() {
    }

    public record CreateTermRequest(
            @NotNull @ValidName(own = true) String name,
            @Size(max = 200) @ValidSlug String slug,
            @MaxChars(5000) String description) {
    }

    /** The editable fields; a PATCH is merged over the current ones ({@link MergePatch}). */
    public record UpdateTermRequest(
            @NotNull(message = MergePatch.NOT_CLEARABLE) @ValidName(own = true) String name,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @Size(max = 200) @ValidSlug String slug,
            @MaxChars(5000) String description) {

        static UpdateTermRequest of(Term term) {
            return new UpdateTermRequest(term.name, term.slug, term.description);
        }
    }

    /** Admin view; {@code version} is its ETag, for If-Match. */
    public record TermView(UUID id, Taxonomy taxonomy, String slug, String name, String description,
            long postCount, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

        static TermView from(Term term, long postCount) {
            return new TermView(term.id, term.taxonomy, term.slug, term.name, term.description, postCount,
                    term.createdAt, term.updatedAt, term.version);
        }
    }

    /** Content API view: only what a public page needs; {@code url}: the frontend's page of it. */
    /** {@code id} is not shown: the Content API names terms by slug; it is for their cache keys. */
    public record PublicTermView(@JsonIgnore UUID id, String slug, String name, String description, long postCount,
            String url) {
        static PublicTermView from(Term term, long postCount, String url) {
            return new PublicTermView(term.id, term.slug, term.name, term.description, postCount, url);
        }
    }
}
