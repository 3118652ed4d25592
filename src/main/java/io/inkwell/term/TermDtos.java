package io.inkwell.term;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Request and response records of the tag and category endpoints. */
public final class TermDtos {

    private TermDtos() {
    }

    public record CreateTermRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String slug,
            @Size(max = 5000) String description) {
    }

    public record UpdateTermRequest(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1, max = 200) String slug,
            @Size(max = 5000) String description) {
    }

    /** Admin view. */
    public record TermView(UUID id, Taxonomy taxonomy, String slug, String name, String description,
            long postCount, OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static TermView from(Term term, long postCount) {
            return new TermView(term.id, term.taxonomy, term.slug, term.name, term.description, postCount,
                    term.createdAt, term.updatedAt);
        }
    }

    /** Content API view: only what a public page needs. */
    public record PublicTermView(String slug, String name, String description, long postCount) {
    }
}
