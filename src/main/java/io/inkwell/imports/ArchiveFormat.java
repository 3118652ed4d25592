package io.inkwell.imports;

import java.util.Locale;
import java.util.Optional;

/** The archive kinds a site can be uploaded as. */
public enum ArchiveFormat {
    ZIP, TAR_GZ;

    /** From an upload's file name: .zip, .tar.gz or .tgz. */
    public static Optional<ArchiveFormat> fromFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".zip")) {
            return Optional.of(ZIP);
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return Optional.of(TAR_GZ);
        }
        return Optional.empty();
    }
}
