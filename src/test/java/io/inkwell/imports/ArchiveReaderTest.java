package io.inkwell.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

    private static final ArchiveLimits SMALL = new ArchiveLimits(50, 10_000, 50_000, 200);

    @TempDir
    Path target;

    @Test
    void extractsAZipWithFoldersAndNestedFiles() throws IOException {
        byte[] zip = zip(out -> {
            directory(out, "site-main/");
            file(out, "site-main/content/post/a/index.md", "+++\ntitle = \"A\"\n+++\nHi\n");
            file(out, "site-main/content/post/a/cover.jpg", "jpeg bytes");
        });

        ArchiveContents archive = extract(zip, ArchiveFormat.ZIP, ArchiveLimits.DEFAULTS);

        assertEquals(List.of("site-main/content/post/a/index.md", "site-main/content/post/a/cover.jpg"), archive.files());
        assertEquals("jpeg bytes", new String(archive.read("site-main/content/post/a/cover.jpg")));
        assertEquals("content/post/a/index.md", archive.layout().markdownFiles().get(0));
    }

    @Test
    void extractsATarGz() throws IOException {
        byte[] tarGz = tarGz(tar -> {
            tarFile(tar, "./_posts/2017-02-21-hello.md", "---\ntitle: Hello\n---\n");
            TarArchiveEntry folder = new TarArchiveEntry("images/");
            tar.putArchiveEntry(folder);
            tar.closeArchiveEntry();
            tarFile(tar, "images/a.png", "png");
        });

        ArchiveContents archive = extract(tarGz, ArchiveFormat.TAR_GZ, ArchiveLimits.DEFAULTS);

        assertEquals(List.of("_posts/2017-02-21-hello.md", "images/a.png"), archive.files());
        assertEquals(3, archive.read("images/a.png").length);
    }

    @Test
    void garbageIsNotAnArchive() {
        byte[] garbage = "this is a text file, not an archive at all".getBytes(StandardCharsets.UTF_8);

        assertRejected(garbage, ArchiveFormat.ZIP, "not a zip");
        assertRejected(garbage, ArchiveFormat.TAR_GZ, "not a gzip");
    }

    @Test
    void gzipThatIsNotATarIsRejected() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gzip = new GzipCompressorOutputStream(bytes)) {
            for (int i = 0; i < 50; i++) {
                gzip.write("plain text, no tar headers here. ".getBytes(StandardCharsets.UTF_8));
            }
        }

        assertRejected(bytes.toByteArray(), ArchiveFormat.TAR_GZ, "not a valid tar.gz");
    }

    @Test
    void truncatedTarGzSaysSoWithoutAnExceptionMessage() {
        byte[] noise = new byte[8_000];
        new java.util.Random(3).nextBytes(noise);
        byte[] whole = ArchiveFixtures.tarGz(java.util.Map.of("content/posts/a.md", noise));
        assertRejected(java.util.Arrays.copyOf(whole, whole.length / 2), ArchiveFormat.TAR_GZ, "truncated");
        assertRejected(java.util.Arrays.copyOf(whole, 12), ArchiveFormat.TAR_GZ, "truncated");
    }

    @Test
    void emptyArchiveIsRejected() throws IOException {
        assertRejected(zip(out -> directory(out, "empty/")), ArchiveFormat.ZIP, "no files");
    }

    @Test
    void parentSegmentsAreRejected() throws IOException {
        assertRejected(zip(out -> file(out, "../evil.md", "x")), ArchiveFormat.ZIP, "../evil.md");
        assertRejected(zip(out -> file(out, "site/../../evil.md", "x")), ArchiveFormat.ZIP, "..");
        assertRejected(zip(out -> file(out, "site\\..\\..\\evil.md", "x")), ArchiveFormat.ZIP, "..");
        assertRejected(tarGz(tar -> tarFile(tar, "../evil.md", "x")), ArchiveFormat.TAR_GZ, "../evil.md");
        // Each rejected archive had a work folder inside target; one level up from it is target.
        assertFalse(Files.exists(target.resolve("evil.md")));
        assertFalse(Files.exists(target.getParent().resolve("evil.md")));
    }

    @Test
    void absolutePathsAreRejected() throws IOException {
        assertRejected(zip(out -> file(out, "/etc/evil.md", "x")), ArchiveFormat.ZIP, "absolute");
        assertRejected(zip(out -> file(out, "C:\\evil.md", "x")), ArchiveFormat.ZIP, "absolute");
        assertRejected(zip(out -> file(out, "\\evil.md", "x")), ArchiveFormat.ZIP, "absolute");
        assertRejected(tarGz(tar -> tarFile(tar, "/etc/evil.md", "x")), ArchiveFormat.TAR_GZ, "absolute");
    }

    @Test
    void symbolicLinksAreRejected() throws IOException {
        byte[] zip = zip(out -> {
            ZipArchiveEntry link = new ZipArchiveEntry("site/link.md");
            link.setUnixMode(0120777);
            out.putArchiveEntry(link);
            out.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            out.closeArchiveEntry();
        });
        assertRejected(zip, ArchiveFormat.ZIP, "symbolic link");

        byte[] tarGz = tarGz(tar -> {
            TarArchiveEntry link = new TarArchiveEntry("site/link.md", TarConstants.LF_SYMLINK);
            link.setLinkName("/etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });
        assertRejected(tarGz, ArchiveFormat.TAR_GZ, "symbolic link");
    }

    @Test
    void hardLinksAreRejected() throws IOException {
        byte[] tarGz = tarGz(tar -> {
            tarFile(tar, "a.md", "x");
            TarArchiveEntry link = new TarArchiveEntry("b.md", TarConstants.LF_LINK);
            link.setLinkName("a.md");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });

        assertRejected(tarGz, ArchiveFormat.TAR_GZ, "hard link");
    }

    @Test
    void oversizedEntryIsRejectedOnWrittenBytes() throws IOException {
        byte[] zip = zip(out -> file(out, "big.md", "x".repeat(10_001)));
        byte[] tarGz = tarGz(tar -> tarFile(tar, "big.md", "x".repeat(10_001)));

        assertRejected(zip, ArchiveFormat.ZIP, "big.md is larger than the 10000 bytes");
        assertRejected(tarGz, ArchiveFormat.TAR_GZ, "big.md is larger than the 10000 bytes");
    }

    @Test
    void totalSizeOverTheLimitIsRejected() throws IOException {
        byte[] zip = zip(out -> {
            for (int i = 0; i < 6; i++) {
                file(out, "part" + i + ".md", "y".repeat(9_000));
            }
        });

        assertRejected(zip, ArchiveFormat.ZIP, "unpacks to more than the 50000 bytes");
    }

    @Test
    void zipBombIsRejectedByItsCompressionRatio() throws IOException {
        byte[] zeros = new byte[20 << 20];
        byte[] bomb = zip(out -> {
            out.putArchiveEntry(new ZipArchiveEntry("bomb.md"));
            out.write(zeros);
            out.closeArchiveEntry();
        });
        assertTrue(bomb.length < 100_000, "20 MiB of zeros compress to " + bomb.length + " bytes");

        assertRejected(bomb, ArchiveFormat.ZIP, "zip bomb", ArchiveLimits.DEFAULTS);
    }

    @Test
    void tooManyEntriesAreRejected() throws IOException {
        ArchiveLimits limits = new ArchiveLimits(5_000, 1_000, 1_000_000, 200);
        byte[] zip = zip(out -> {
            for (int i = 0; i < 5_001; i++) {
                file(out, "f/" + i + ".md", "");
            }
        });

        assertRejected(zip, ArchiveFormat.ZIP, "more than 5000 entries", limits);
    }

    @Test
    void duplicateEntriesAreRejected() throws IOException {
        byte[] tarGz = tarGz(tar -> {
            tarFile(tar, "a.md", "first");
            tarFile(tar, "a.md", "second");
        });

        assertRejected(tarGz, ArchiveFormat.TAR_GZ, "appears twice");
    }

    @Test
    void zipNamesUsedTwiceOrAsFileAndFolderAreRejected() throws IOException {
        // A zip is checked in place, without writing files that would clash on disk.
        assertRejected(zip(out -> {
            file(out, "a.md", "first");
            file(out, "./a.md", "second");
        }), ArchiveFormat.ZIP, "appears twice");
        assertRejected(zip(out -> {
            file(out, "content/a", "a file");
            file(out, "content/a/index.md", "inside it");
        }), ArchiveFormat.ZIP, "is a file and also a folder");
        assertRejected(zip(out -> {
            file(out, "content/a/index.md", "inside");
            file(out, "content/a", "then a file");
        }), ArchiveFormat.ZIP, "conflicts with a folder");
    }

    @Test
    void zipLargerThanTheTotalLimitIsNotEvenSpooled() {
        byte[] huge = new byte[60_000];

        assertRejected(huge, ArchiveFormat.ZIP, "larger than");
    }

    private ArchiveContents extract(byte[] archive, ArchiveFormat format, ArchiveLimits limits) throws IOException {
        return ArchiveReader.open(new ByteArrayInputStream(archive), format, target, limits);
    }

    private void assertRejected(byte[] archive, ArchiveFormat format, String messagePart) {
        assertRejected(archive, format, messagePart, SMALL);
    }

    private void assertRejected(byte[] archive, ArchiveFormat format, String messagePart, ArchiveLimits limits) {
        ArchiveRejectedException rejected = assertThrows(ArchiveRejectedException.class,
                () -> ArchiveReader.open(new ByteArrayInputStream(archive), format,
                        Files.createTempDirectory(target, "x"), limits));
        assertTrue(rejected.getMessage().contains(messagePart), rejected.getMessage());
    }

    interface ZipWriter {
        void write(ZipArchiveOutputStream out) throws IOException;
    }

    interface TarWriter {
        void write(TarArchiveOutputStream out) throws IOException;
    }

    private static byte[] zip(ZipWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            writer.write(out);
        }
        return bytes.toByteArray();
    }

    private static byte[] tarGz(TarWriter writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(out);
        }
        return bytes.toByteArray();
    }

    private static void file(ZipArchiveOutputStream out, String name, String content) throws IOException {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeArchiveEntry();
    }

    private static void directory(ZipArchiveOutputStream out, String name) throws IOException {
        out.putArchiveEntry(new ZipArchiveEntry(name));
        out.closeArchiveEntry();
    }

    private static void tarFile(TarArchiveOutputStream out, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(bytes.length);
        out.putArchiveEntry(entry);
        out.write(bytes);
        out.closeArchiveEntry();
    }
}
