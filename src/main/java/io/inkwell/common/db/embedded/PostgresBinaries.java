package io.inkwell.common.db.embedded;

import io.inkwell.common.Text;
import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.util.ArchUtils;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL programs (initdb, postgres, pg_ctl), unpacked from the zonky binaries jar into a
 * folder under the data directory that only the server's own account can write. A shared temp
 * folder would let another local user swap the programs the server runs, so before each start the
 * whole tree is checked: owned by this account, nothing writable by group or others, no link that
 * leaves the tree, and a marker naming the archive it came from. Anything else is unpacked again.
 */
final class PostgresBinaries {

    private static final Logger LOG = Logger.getLogger(PostgresBinaries.class);
    private static final String COMPLETE_MARKER = ".unpacked-from";

    private PostgresBinaries() {
    }

    /** Returns the folder holding {@code bin/postgres}, unpacking the archive when needed. */
    static Path prepare(Path parent, DatabaseAccount account) {
        byte[] archive = readArchive();
        String digest = Text.sha256(archive);
        Path home = parent.resolve("pg-" + digest.substring(0, 16));
        try {
            account.ensurePrivateDirectory(parent);
            if (Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
                String problem = problemWith(home, digest, account);
                if (problem == null) {
                    return home;
                }
                LOG.warnf("The PostgreSQL programs in %s cannot be trusted (%s); unpacking them again", home, problem);
                deleteTree(home);
            }
            removeOtherVersions(parent, home);
            Path staging = Files.createTempDirectory(parent, ".unpacking-");
            unpack(archive, staging);
            Files.writeString(staging.resolve(COMPLETE_MARKER), digest, StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
            String problem = problemWith(home, digest, account);
            if (problem != null) {
                throw new EmbeddedDatabaseException("The PostgreSQL programs unpacked to " + home
                        + " failed their own check (" + problem + ").");
            }
            return home;
        } catch (IOException e) {
            throw new EmbeddedDatabaseException("Could not unpack the PostgreSQL programs into " + parent + ": "
                    + e.getMessage());
        }
    }

    /** Null when the tree is safe to run, else what is wrong with it. */
    static String problemWith(Path home, String digest, DatabaseAccount account) throws IOException {
        Path marker = home.resolve(COMPLETE_MARKER);
        if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)
                || !digest.equals(Files.readString(marker, StandardCharsets.US_ASCII).strip())) {
            return "incomplete or from another version";
        }
        try (Stream<Path> entries = Files.walk(home)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (!account.ownedByServer(entry)) {
                    return entry + " belongs to another user";
                }
                if (Files.isSymbolicLink(entry)) {
                    Path target = entry.getParent().resolve(Files.readSymbolicLink(entry)).normalize();
                    if (!target.startsWith(home)) {
                        return entry + " links outside the folder";
                    }
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
                if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                    return entry + " is writable by other users";
                }
            }
        }
        return null;
    }

    private static void unpack(byte[] archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("the archive names a path outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    continue;
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                }
                // The archive's own modes, less any write bit for group and others.
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(
                        (entry.getMode() & 0100) != 0 || entry.isDirectory() ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
    }

    private static void removeOtherVersions(Path parent, Path keep) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            for (Path child : children.toList()) {
                if (!child.equals(keep)) {
                    deleteTree(child);
                }
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> deepestFirst = paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList();
            for (Path path : deepestFirst) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static byte[] readArchive() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String system = os.contains("win") ? "Windows" : os.contains("mac") ? "Darwin" : "Linux";
        String architecture = ArchUtils.normalize(System.getProperty("os.arch"));
        try (InputStream in = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, architecture)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException e) {
            throw new EmbeddedDatabaseException("No embedded PostgreSQL build for " + system + " " + architecture
                    + "; set QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead.");
        }
    }
}
