package io.inkwell.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * An archive written to disk.
 *
 * @param directory where the files are
 * @param files     the files' archive paths ('/'-separated, relative to {@code directory}), in archive order
 * @param totalBytes bytes written
 */
public record ExtractedArchive(Path directory, List<String> files, long totalBytes) {

    public ExtractedArchive {
        files = List.copyOf(files);
    }

    public Path resolve(String archivePath) {
        return directory.resolve(archivePath);
    }

    public SiteLayout layout() {
        return SiteLayout.of(files);
    }
}
