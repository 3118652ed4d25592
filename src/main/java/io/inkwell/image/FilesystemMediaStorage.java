package io.inkwell.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Bytes in a directory, two levels of hash prefixes deep. Files written in a transaction
 * that rolls back are removed, and deletions wait for the commit, so no row points to a
 * missing file and no file is left without its row ({@link FilesystemMediaCleanup} does both).
 */
class FilesystemMediaStorage implements MediaStorage {

    private final Path root;
    private final FilesystemMediaCleanup cleanup;

    FilesystemMediaStorage(Path root, FilesystemMediaCleanup cleanup) {
        this.root = root;
        this.cleanup = cleanup;
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            return;
        }
        cleanup.requireTransaction();
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store media " + key, e);
        }
        cleanup.written(target);
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path path = pathOf(key);
        try {
            return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read media " + key, e);
        }
    }

    @Override
    public void delete(String key) {
        cleanup.deleteAfterCommit(pathOf(key));
    }

    private Path pathOf(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9_.-]", "_");
        return root.resolve(safe.substring(0, 2)).resolve(safe.substring(2, 4)).resolve(safe);
    }
}
