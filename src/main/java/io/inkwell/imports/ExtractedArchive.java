package io.inkwell.imports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * An archive written to disk (a tar.gz, which can only be read from start to end).
 *
 * @param directory where the files are
 * @param files     the files' archive paths ('/'-separated, relative to {@code directory}), in archive order
 */
public record ExtractedArchive(Path directory, List<String> files) implements ArchiveContents {

    public ExtractedArchive {
        files = List.copyOf(files);
    }

    @Override
    public byte[] read(String archivePath) throws IOException {
        return Files.readAllBytes(directory.resolve(archivePath));
    }
}
