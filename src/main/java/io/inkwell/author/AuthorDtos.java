package io.inkwell.author;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.UUID;

public final class AuthorDtos {

    private AuthorDtos() {
    }

    public record CreateAuthorRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 200) String slug,
            @Size(max = 5000) String bio) {
    }

    public record UpdateAuthorRequest(
            @Size(min = 1, max = 200) String name,
            @Size(min = 1, max = 200) String slug,
            @Size(max = 5000) String bio) {
    }

    public record AuthorView(UUID id, String slug, String name, String bio, long postCount,
            OffsetDateTime createdAt, OffsetDateTime updatedAt) {

        static AuthorView from(Author author, long postCount) {
            return new AuthorView(author.id, author.slug, author.name, author.bio, postCount,
                    author.createdAt, author.updatedAt);
        }
    }

    public record PublicAuthorView(String slug, String name, String bio, long postCount) {
    }
}
