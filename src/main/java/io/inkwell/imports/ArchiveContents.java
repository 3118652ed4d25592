package io.inkwell.imports;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** The files of an uploaded archive that passed every check, readable by their archive path. */
public interface ArchiveContents extends Closeable {

    /** The files' archive paths ('/'-separated), in archive order. */
    List<String> files();

    byte[] read(String archivePath) throws IOException;

    default SiteLayout layout() {
        return SiteLayout.of(files());
    }

    @Override
    default void close() throws IOException {
    }
}
