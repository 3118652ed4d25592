package io.inkwell.imports;

import io.inkwell.common.web.CappedCopy;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks an uploaded archive with constant memory, refusing the whole archive at the first
 * entry that breaks a rule: a path that leaves the upload, a link, a name used twice, too many
 * entries, too many bytes, or a suspicious compression ratio.
 *
 * <p>A zip is read through its central directory ({@link ZipFile}), not streamed: only the
 * central directory records which entries are symbolic links, and streaming would read entries
 * the central directory does not list. A zip given as a stream is therefore first copied to a
 * file; every entry is then unpacked once to check it, and read from the zip again when the
 * import needs it (making a thousand folders and files costs more than unpacking twice). A
 * tar.gz can only be streamed, so it is written out to a directory.
 *
 * <p>On rejection, files already written stay in the work directory; the caller deletes it.
 */
public final class ArchiveReader {

    /** Small files compress far better than a ratio says anything about; only large ones are judged. */
    static final long RATIO_CHECKED_FROM_BYTES = 1L << 20;

    /** Messages never quote the underlying exception: they can name files on the server. */
    static final String TRUNCATED = "the archive ends early: it is truncated or not a complete .tar.gz";

    private static final Pattern DRIVE_LETTER = Pattern.compile("^[A-Za-z]:.*");
    private static final int BUFFER_SIZE = 64 * 1024;

    private ArchiveReader() {
    }

    /**
     * Checks the archive and makes its files readable, using {@code workDir} for what must be
     * on disk. The caller closes the result and then deletes {@code workDir}.
     *
     * @throws ArchiveRejectedException when the archive is malformed or breaks a limit
     * @throws IOException              when the work directory cannot be written
     */
    public static ArchiveContents open(InputStream in, ArchiveFormat format, Path workDir, ArchiveLimits limits)
            throws IOException {
        Files.createDirectories(workDir);
        if (format == ArchiveFormat.TAR_GZ) {
            return extractTarGz(in, workDir.toAbsolutePath().normalize(), limits);
        }
        Path spooled = Files.createTempFile(workDir, "upload-", ".zip");
        try (OutputStream out = Files.newOutputStream(spooled)) {
            CappedCopy.copy(in, out, limits.maxTotalBytes(), copied -> new ArchiveRejectedException(
                    "the archive is larger than the " + limits.maxTotalBytes() + " bytes allowed"));
        }
        return openZip(spooled, limits);
    }

    /** Checks every entry of a zip file; its files are then read from the zip itself. */
    private static ArchiveContents openZip(Path zipFile, ArchiveLimits limits) throws IOException {
        Extraction check = new Extraction(null, limits);
        ZipFile zip;
        try {
            zip = ZipFile.builder().setPath(zipFile).get();
        } catch (IOException e) {
            throw new ArchiveRejectedException("it is not a zip archive, or an incomplete one (its table of contents is missing or damaged)", e);
        }
        Map<String, ZipArchiveEntry> entriesByName = new HashMap<>();
        try {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = check.admit(entry.getName());
                if (entry.isUnixSymlink()) {
                    throw new ArchiveRejectedException("entry " + entry.getName() + " is a symbolic link; links are not allowed");
                }
                if (entry.isDirectory()) {
                    check.directory(name);
                    continue;
                }
                if (!zip.canReadEntryData(entry)) {
                    throw new ArchiveRejectedException("entry " + entry.getName()
                            + " is encrypted or uses an unsupported compression method");
                }
                try (InputStream data = zip.getInputStream(entry)) {
                    check.file(name, data, entry.getCompressedSize());
                }
                entriesByName.put(name, entry);
            }
            ExtractedArchive checked = check.result();
            return new ZipContents(zip, checked.files(), entriesByName, limits.maxEntryBytes());
        } catch (UnsupportedZipFeatureException e) {
            zip.close();
            throw new ArchiveRejectedException("the zip uses a feature that cannot be read ("
                    + e.getFeature() + ")", e);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** A checked zip, read in place. */
    private static final class ZipContents implements ArchiveContents {
        private final ZipFile zip;
        private final List<String> files;
        private final Map<String, ZipArchiveEntry> entries;
        private final long maxEntryBytes;

        ZipContents(ZipFile zip, List<String> files, Map<String, ZipArchiveEntry> entries, long maxEntryBytes) {
            this.zip = zip;
            this.files = List.copyOf(files);
            this.entries = entries;
            this.maxEntryBytes = maxEntryBytes;
        }

        @Override
        public List<String> files() {
            return files;
        }

        @Override
        public byte[] read(String archivePath) throws IOException {
            ZipArchiveEntry entry = entries.get(archivePath);
            if (entry == null) {
                throw new java.nio.file.NoSuchFileException(archivePath);
            }
            // Import threads read in parallel, and commons-compress does not promise that one
            // ZipFile serves concurrent readers; inflating is a small part of an import.
            synchronized (zip) {
                try (InputStream data = zip.getInputStream(entry)) {
                    // The check read it within the limit already; the cap holds if the file changed since.
                    byte[] bytes = data.readNBytes((int) Math.min(maxEntryBytes + 1, Integer.MAX_VALUE - 8));
                    if (bytes.length > maxEntryBytes) {
                        throw new ArchiveRejectedException("entry " + archivePath + " grew past its limit");
                    }
                    return bytes;
                }
            }
        }

        @Override
        public void close() throws IOException {
            zip.close();
        }
    }

    private static ExtractedArchive extractTarGz(InputStream in, Path targetDir, ArchiveLimits limits)
            throws IOException {
        Extraction extraction = new Extraction(targetDir, limits);
        TarArchiveInputStream tar;
        try {
            tar = new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(in)));
        } catch (IOException e) {
            throw new ArchiveRejectedException(e instanceof EOFException ? TRUNCATED : "it is not a gzip-compressed tar archive", e);
        }
        try (tar) {
            while (true) {
                TarArchiveEntry entry;
                try {
                    entry = tar.getNextEntry();
                } catch (IOException e) {
                    throw new ArchiveRejectedException(e instanceof EOFException ? TRUNCATED
                            : "it is not a valid tar.gz archive (damaged, or no tar inside the gzip)", e);
                }
                if (entry == null) {
                    break;
                }
                String name = extraction.admit(entry.getName());
                if (entry.isSymbolicLink() || entry.isLink()) {
                    throw new ArchiveRejectedException("entry " + entry.getName() + " is a "
                            + (entry.isLink() ? "hard" : "symbolic") + " link; links are not allowed");
                }
                if (entry.isDirectory()) {
                    extraction.directory(name);
                } else if (entry.isFile()) {
                    extraction.file(name, tar, -1);
                } else {
                    throw new ArchiveRejectedException("entry " + entry.getName()
                            + " is a device or pipe; only files and folders are allowed");
                }
            }
        }
        return extraction.result();
    }

    /** The state of one extraction: what was written, against which limits. */
    private static final class Extraction {
        private final Path targetDir;
        private final ArchiveLimits limits;
        private final List<String> files = new ArrayList<>();
        /** Folders made so far: asking the file system again for every file is slow (an exception per call). */
        private final Set<Path> madeFolders = new HashSet<>();
        /** Names taken so far, so a name used twice is refused also when nothing is written. */
        private final Set<String> fileNames = new HashSet<>();
        private final Set<String> folderNames = new HashSet<>();
        private final byte[] buffer = new byte[BUFFER_SIZE];
        private int entries;
        private long totalBytes;

        /** {@code targetDir} null: check every entry, write nothing. */
        Extraction(Path targetDir, ArchiveLimits limits) {
            this.targetDir = targetDir;
            this.limits = limits;
        }

        /** Counts the entry and returns its safe relative name, or rejects the archive. */
        String admit(String rawName) {
            if (++entries > limits.maxEntries()) {
                throw new ArchiveRejectedException("the archive has more than " + limits.maxEntries() + " entries");
            }
            String name = rawName.replace('\\', '/');
            if (name.indexOf('\0') >= 0) {
                throw new ArchiveRejectedException("entry name " + rawName.replace("\0", "\\0") + " contains a NUL character");
            }
            if (name.startsWith("/") || DRIVE_LETTER.matcher(name).matches()) {
                throw new ArchiveRejectedException("entry " + rawName + " has an absolute path");
            }
            List<String> segments = new ArrayList<>();
            for (String segment : name.split("/")) {
                if (segment.equals("..")) {
                    throw new ArchiveRejectedException("entry " + rawName + " has a .. segment that leaves the archive");
                }
                if (!segment.isEmpty() && !segment.equals(".")) {
                    segments.add(segment);
                }
            }
            String clean = String.join("/", segments);
            if (targetDir != null && !targetDir.resolve(clean).normalize().startsWith(targetDir)) {
                throw new ArchiveRejectedException("entry " + rawName + " would be written outside the archive");
            }
            return clean;
        }

        void directory(String name) throws IOException {
            if (!name.isEmpty()) {
                claimFolders(name);
                if (targetDir == null) {
                    return;
                }
                try {
                    makeFolder(targetDir.resolve(name));
                } catch (FileSystemException e) {
                    throw new ArchiveRejectedException("entry " + name + "/ conflicts with a file of the same name", e);
                }
            }
        }

        /**
         * Copies one entry, counting what is written against the limits as it goes, so that a
         * bomb is stopped after at most one buffer too many.
         *
         * @param compressedSize bytes the entry takes in the archive, or -1 when unknown
         */
        void file(String name, InputStream data, long compressedSize) throws IOException {
            if (name.isEmpty()) {
                throw new ArchiveRejectedException("an entry has an empty name");
            }
            if (!fileNames.add(name)) {
                throw new ArchiveRejectedException("entry " + name + " appears twice");
            }
            if (folderNames.contains(name)) {
                throw new ArchiveRejectedException("entry " + name + " conflicts with a folder of the same name");
            }
            int slash = name.lastIndexOf('/');
            if (slash > 0) {
                claimFolders(name.substring(0, slash));
            }
            OutputStream out = targetDir == null ? OutputStream.nullOutputStream() : create(name);
            long written = 0;
            try (out) {
                while (true) {
                    int read;
                    try {
                        read = data.read(buffer);
                    } catch (IOException e) {
                        throw new ArchiveRejectedException(e instanceof EOFException
                                ? "entry " + name + " ends early: " + TRUNCATED
                                : "entry " + name + " is corrupt and cannot be unpacked", e);
                    }
                    if (read < 0) {
                        break;
                    }
                    written += read;
                    totalBytes += read;
                    if (written > limits.maxEntryBytes()) {
                        throw new ArchiveRejectedException("entry " + name + " is larger than the "
                                + limits.maxEntryBytes() + " bytes allowed for one file");
                    }
                    if (totalBytes > limits.maxTotalBytes()) {
                        throw new ArchiveRejectedException("the archive unpacks to more than the "
                                + limits.maxTotalBytes() + " bytes allowed (stopped at entry " + name + ")");
                    }
                    if (compressedSize > 0 && written >= RATIO_CHECKED_FROM_BYTES
                            && written / compressedSize > limits.maxCompressionRatio()) {
                        throw new ArchiveRejectedException("entry " + name + " expands more than "
                                + limits.maxCompressionRatio() + " times; it looks like a zip bomb");
                    }
                    out.write(buffer, 0, read);
                }
            }
            files.add(name);
        }

        private OutputStream create(String name) throws IOException {
            Path target = targetDir.resolve(name);
            try {
                makeFolder(target.getParent());
                return Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            } catch (FileSystemException e) {
                throw new ArchiveRejectedException("entry " + name + " appears twice or conflicts with a folder", e);
            }
        }

        /** The folder and those around it, none of which may be a file. */
        private void claimFolders(String folder) {
            for (String path = folder; folderNames.add(path); path = path.substring(0, path.lastIndexOf('/'))) {
                if (fileNames.contains(path)) {
                    throw new ArchiveRejectedException("entry " + path + " is a file and also a folder");
                }
                if (path.indexOf('/') < 0) {
                    break;
                }
            }
        }

        private void makeFolder(Path folder) throws IOException {
            if (!madeFolders.contains(folder)) {
                Files.createDirectories(folder);
                madeFolders.add(folder);
            }
        }

        ExtractedArchive result() {
            if (files.isEmpty()) {
                throw new ArchiveRejectedException("the archive holds no files");
            }
            return new ExtractedArchive(targetDir, files);
        }
    }
}
