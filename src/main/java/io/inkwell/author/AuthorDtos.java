package io.inkwell.author;

import io.inkwell.common.web.MaxChars;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.inkwell.common.slug.ValidName;
import io.inkwell.common.slug.ValidSlug;
import io.inkwell.common.web.MergePatch;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class AuthorDtos {

    private AuthorDtos() {
    }

    public record CreateAuthorRequest(
            @NotNull @ValidName(own = true) String name,
            @Size(max = 200) @ValidSlug String slug,
            @MaxChars(5000) String bio) {
    }

    /** The editable fields; a PATCH is merged over the current ones ({@link MergePatch}). */
    public record UpdateAuthorRequest(
            @NotNull(message = MergePatch.NOT_CLEARABLE) @ValidName(own = true) String name,
            @NotNull(message = MergePatch.NOT_CLEARABLE) @Size(max = 200) @ValidSlug String slug,
            @MaxChars(5000) String bio) {

        static UpdateAuthorRequest of(Author author) {
            return new UpdateAuthorRequest(author.name, author.slug, author.bio);
        }
    }

    public record AuthorView(UUID id, String slug, String name, String bio, long postCount,
            OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

        static AuthorView from(Author author, long postCount) {
            return new AuthorView(author.id, author.slug, author.name, author.bio, postCount,
                    author.createdAt, author.updatedAt, author.version);
        }
    }

    /** {@code url}: the frontend's page of the author. */
    /** {@code id} is not shown: the Content API names authors by slug; it is for their cache keys. */
    public record PublicAuthorView(@JsonIgnore UUID id, String slug, String name, String bio, long postCount, String url) {
        static PublicAuthorView from(Author author, long postCount, String url) {
            return new PublicAuthorView(author.id, author.slug, author.name, author.bio, postCount, url);
        }
    }
}
