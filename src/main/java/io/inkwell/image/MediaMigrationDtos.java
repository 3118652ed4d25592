package io.inkwell.image;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;

public final class MediaMigrationDtos {

    private static final String STORAGE = "database|filesystem|s3";
    private static final String STORAGE_MESSAGE = "Must be 'database', 'filesystem' or 's3'.";

    private MediaMigrationDtos() {
    }

    /** {@code from} defaults to the storage the server uses (INKWELL_IMAGES_STORAGE). */
    public record MediaMigrationRequest(
            @Pattern(regexp = STORAGE, message = STORAGE_MESSAGE) String from,
            @NotNull @Pattern(regexp = STORAGE, message = STORAGE_MESSAGE) String to) {
    }

    /** What one run did; {@code problems} names up to 100 of the objects missing or failed. */
    public record MediaMigrationView(String from, String to, String target, int objects, int copied,
            int alreadyCopied, int missing, int failed, List<ObjectProblem> problems) {
    }

    public record ObjectProblem(String key, String problem) {
    }
}
