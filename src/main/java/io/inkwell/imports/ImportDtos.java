package io.inkwell.imports;

import io.inkwell.activity.ActivitySummary;
import java.util.List;
import java.util.UUID;

/** The import report: what happened to every file, so a CI job can show and act on it. */
public final class ImportDtos {

    private ImportDtos() {
    }

    public enum Action {
        CREATED, UPDATED, UNCHANGED, FAILED, SKIPPED;

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A warning or error, with the line of the file when one applies. */
    public record Message(Integer line, String message) {
        static Message of(ImportMessage message) {
            return new Message(message.line(), message.message());
        }
    }

    public record FileReport(String path, String type, String slug, Action action, List<Message> warnings,
            List<Message> errors) {
    }

    public record PrunedPost(UUID id, String type, String slug) {
    }

    public record Totals(int files, int created, int updated, int unchanged, int failed, int skipped, int pruned,
            int warnings) {
    }

    /**
     * {@code applied} is false for a dry run, and for an atomic import with a failed file: then
     * nothing was written, and the actions say what would have happened.
     */
    public record ImportReport(String source, String mode, boolean dryRun, boolean applied, Totals totals,
            List<FileReport> files, List<PrunedPost> pruned) implements ActivitySummary {

        /** The import's one line in the activity log. */
        @Override
        public String activitySummary() {
            return String.format("%s import%s%s: %d files, %d created, %d updated, %d unchanged, %d failed, "
                    + "%d skipped, %d pruned, %d warnings", mode, source == null ? "" : " of " + source,
                    dryRun ? " (dry run)" : applied ? "" : " (not applied)",
                    totals.files(), totals.created(), totals.updated(), totals.unchanged(), totals.failed(),
                    totals.skipped(), totals.pruned(), totals.warnings());
        }
    }
}
