package io.inkwell.image;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Bytes in a directory, two levels of hash prefixes deep. Files written in a transaction
 * that rolls back are removed, and deletions wait for the commit, so no row points to a
 * missing file and no file is left without its row.
 */
class FilesystemMediaStorage implements MediaStorage {

    private static final Logger LOG = Logger.getLogger(FilesystemMediaStorage.class);

    private final Path root;
    private final TransactionSynchronizationRegistry transactions;

    FilesystemMediaStorage(Path root, TransactionSynchronizationRegistry transactions) {
        this.root = root;
        this.transactions = transactions;
    }

    @Override
    public void put(String key, byte[] content) {
        Path target = pathOf(key);
        if (Files.exists(target)) {
            return;
        }
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            Files.write(partial, content);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store media " + key, e);
        }
        afterCompletion(committed -> {
            if (!committed) {
                deleteQuietly(target);
            }
        });
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
        Path path = pathOf(key);
        afterCompletion(committed -> {
            if (committed) {
                deleteQuietly(path);
            }
        });
    }

    private Path pathOf(String key) {
        String safe = key.replaceAll("[^A-Za-z0-9_.-]", "_");
        return root.resolve(safe.substring(0, 2)).resolve(safe.substring(2, 4)).resolve(safe);
    }

    private void afterCompletion(java.util.function.Consumer<Boolean> action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // files are already written
            }

            @Override
            public void afterCompletion(int status) {
                action.accept(status == Status.STATUS_COMMITTED);
            }
        });
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.warnf("Could not delete media file %s: %s", path, e.getMessage());
        }
    }
}
