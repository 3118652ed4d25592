package io.inkwell.common;

import io.inkwell.common.config.InkwellConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Where uploads wait on disk while a request works on them: {@code <data dir>/tmp/<pid>-<start>},
 * one folder per server process. A request deletes what it made, but a server that is killed
 * cannot, so each start deletes the folders of processes that no longer run.
 */
@ApplicationScoped
public class ScratchSpace {

    private static final Logger LOG = Logger.getLogger(ScratchSpace.class);
    private static final Pattern FOLDER_NAME = Pattern.compile("\\d+-\\d+");
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private final Path root;
    private final Path own;

    public ScratchSpace(InkwellConfig config) {
        this.root = Path.of(config.dataDir()).resolve("tmp").toAbsolutePath().normalize();
        this.own = processFolder(Path.of(config.dataDir()));
    }

    /** This process's folder under {@code dataDirectory}; the launcher also puts multipart uploads there. */
    public static Path processFolder(Path dataDirectory) {
        ProcessHandle self = ProcessHandle.current();
        return dataDirectory.resolve("tmp").resolve(folderName(self.pid(), self.info().startInstant()))
                .toAbsolutePath().normalize();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            createPrivate(root);
            createPrivate(own);
            long removed = 0;
            try (Stream<Path> folders = Files.list(root)) {
                for (Path folder : folders.toList()) {
                    String name = folder.getFileName().toString();
                    // Only what a server made: the data directory may be shared with other things.
                    if (FOLDER_NAME.matcher(name).matches() && !folder.equals(own) && !belongsToARunningProcess(name)) {
                        deleteRecursively(folder);
                        removed++;
                    }
                }
            }
            if (removed > 0) {
                LOG.infof("Deleted the upload leftovers of %d server process(es) that stopped without cleaning up",
                        removed);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare the scratch folder " + own, e);
        }
    }

    /** A new, empty folder for one request's files; the caller deletes it. */
    public Path newFolder(String prefix) {
        try {
            createPrivate(own);
            return Files.createTempDirectory(own, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void deleteRecursively(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // What is left is deleted at the next start.
        }
    }

    /** Uploads are private: other local users must not read them while they wait here. */
    private static void createPrivate(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder.getParent());
            try {
                Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PRIVATE));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another thread made it
            }
        }
        Files.setPosixFilePermissions(folder, PRIVATE);
    }

    private static boolean belongsToARunningProcess(String folderName) {
        String[] parts = folderName.split("-", 2);
        if (parts.length != 2 || !parts[0].matches("\\d+")) {
            return false;
        }
        // The start time tells a live process from a later one that got the same pid.
        return ProcessHandle.of(Long.parseLong(parts[0]))
                .map(process -> folderName(process.pid(), process.info().startInstant()).equals(folderName))
                .orElse(false);
    }

    private static String folderName(long pid, Optional<Instant> start) {
        return pid + "-" + start.map(Instant::toEpochMilli).orElse(0L);
    }
}
