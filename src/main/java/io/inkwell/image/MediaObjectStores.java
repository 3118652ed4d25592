package io.inkwell.image;

import io.inkwell.common.config.InkwellConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The backends by name (database, filesystem, s3), each made once from the configuration: the
 * one INKWELL_IMAGES_STORAGE names, checked at start, and the others for copies between them.
 */
@ApplicationScoped
class MediaObjectStores {

    private static final Logger LOG = Logger.getLogger(MediaObjectStores.class);

    enum Kind {
        DATABASE, FILESYSTEM, S3;

        static Kind parse(String name) {
            try {
                return valueOf(name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("Must be 'database', 'filesystem' or 's3', not '" + name + "'.");
            }
        }

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final InkwellConfig.Images config;
    private final EntityManager entityManager;
    private final Map<Kind, MediaObjectStore> opened = new ConcurrentHashMap<>();

    MediaObjectStores(InkwellConfig config, EntityManager entityManager) {
        this.config = config.images();
        this.entityManager = entityManager;
    }

    /** The backend of INKWELL_IMAGES_STORAGE; a bad setting stops the start with its reason. */
    Kind configured() {
        try {
            return Kind.parse(config.storage());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("INKWELL_IMAGES_STORAGE: " + e.getMessage());
        }
    }

    MediaObjectStore current() {
        return get(configured());
    }

    /** Made on first use; an S3 bucket is checked then (IllegalStateException naming the setting). */
    MediaObjectStore get(Kind kind) {
        return opened.computeIfAbsent(kind, this::open);
    }

    void checkAtStart(@Observes StartupEvent started) {
        LOG.infof("Images are stored in %s.", current().location());
    }

    void close(@Observes ShutdownEvent stopping) {
        opened.values().forEach(store -> {
            if (store instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debugf("Closing %s: %s", store.location(), e.getMessage());
                }
            }
        });
    }

    private MediaObjectStore open(Kind kind) {
        return switch (kind) {
            case DATABASE -> new DatabaseObjectStore(entityManager);
            case FILESYSTEM -> new FilesystemObjectStore(Path.of(config.storageDir()));
            case S3 -> S3ObjectStore.connect(S3ObjectStore.Settings.from(config.s3()));
        };
    }
}
