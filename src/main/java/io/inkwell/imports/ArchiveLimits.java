package io.inkwell.imports;

/**
 * What an uploaded archive may hold. Sizes are counted on the bytes actually written, never on
 * what the archive declares.
 *
 * @param maxEntries          files and folders together
 * @param maxEntryBytes       uncompressed size of one file
 * @param maxTotalBytes       uncompressed size of all files (a zip bomb stops here)
 * @param maxCompressionRatio uncompressed to compressed size of one zip entry, checked once the
 *                            entry is past {@link ArchiveReader#RATIO_CHECKED_FROM_BYTES}
 */
public record ArchiveLimits(int maxEntries, long maxEntryBytes, long maxTotalBytes, int maxCompressionRatio) {

    public static final ArchiveLimits DEFAULTS = new ArchiveLimits(5_000, 64L << 20, 2L << 30, 200);

    public ArchiveLimits {
        if (maxEntries < 1 || maxEntryBytes < 1 || maxTotalBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive");
        }
    }
}
