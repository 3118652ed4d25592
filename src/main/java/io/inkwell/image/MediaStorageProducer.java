package io.inkwell.image;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.Locale;

class MediaStorageProducer {

    @Produces
    @ApplicationScoped
    MediaStorage mediaStorage(InkwellConfig config, EntityManager entityManager, FilesystemMediaCleanup cleanup) {
        String kind = config.images().storage().toLowerCase(Locale.ROOT);
        return switch (kind) {
            case "database" -> new DatabaseMediaStorage(entityManager);
            case "filesystem" -> new FilesystemMediaStorage(Path.of(config.images().storageDir()), cleanup);
            default -> throw new IllegalStateException("INKWELL_IMAGES_STORAGE must be 'database' or 'filesystem', not '"
                    + config.images().storage() + "'.");
        };
    }
}
