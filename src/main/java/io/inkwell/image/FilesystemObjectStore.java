package io.inkwell.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** Bytes in a directory, two levels of hash prefixes deep; each file appears whole (written aside, then moved). */
class FilesystemObjectStore implements MediaObjectStore {

    private final Path root;

    FilesystemObjectStore(Path root) {
        this.root = root;
    }

    @Override
    public void write(String key, byte[] content) {
        Path target = pathOf(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store media " + key, e);
        }
    }

    @Override
    public Optional<byte[]> read(String key) {
        Path path = pathOf(key);
        try {
            return Files.exists(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read media " + key, e);
        }
    }

    @Override
    public void remove(String key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete media " + key, e);
        }
    }

    @Override
    public String location() {
        return "file:" + root.toAbsolutePath().normalize();
    }

    private Path pathOf(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9_.-]", "_");
        return root.resolve(safe.substring(0, 2)).resolve(safe.substring(2, 4)).resolve(safe);
    }
}
