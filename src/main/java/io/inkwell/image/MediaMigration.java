package io.inkwell.image;

import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.image.MediaMigrationDtos.MediaMigrationRequest;
import io.inkwell.image.MediaMigrationDtos.MediaMigrationView;
import io.inkwell.image.MediaMigrationDtos.ObjectProblem;
import io.inkwell.image.MediaObjectStores.Kind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Copies every stored object (originals and variants) from one storage to another, reading
 * each copy back and checking its SHA-256, and records the verified ones, so that a run
 * stopped halfway, or run again, copies only what is left. The server's own storage is not
 * changed: that is INKWELL_IMAGES_STORAGE, at the next start.
 */
@ApplicationScoped
public class MediaMigration {

    private static final Logger LOG = Logger.getLogger(MediaMigration.class);
    private static final int PROBLEMS_LISTED = 100;

    private enum Outcome { COPIED, MISSING, FAILED }

    private record Result(Outcome outcome, String problem) {
    }

    private final MediaObjectStores stores;
    private final ImageRepository images;
    private final EntityManager entityManager;
    private final Clock clock;

    public MediaMigration(MediaObjectStores stores, ImageRepository images, EntityManager entityManager, Clock clock) {
        this.stores = stores;
        this.images = images;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    public MediaMigrationView migrate(MediaMigrationRequest request) {
        Kind from = request.from() == null ? stores.configured() : Kind.parse(request.from());
        Kind to = Kind.parse(request.to());
        if (from == to) {
            throw new InvalidInputException("to", "Must differ from 'from' (" + from.wireName() + ").");
        }
        List<FieldError> unusable = new ArrayList<>();
        MediaObjectStore source = open(from, "from", unusable);
        MediaObjectStore target = open(to, "to", unusable);
        if (!unusable.isEmpty()) {
            throw new InvalidInputException(unusable);
        }
        List<String> keys = QuarkusTransaction.requiringNew().call(images::storedKeys);
        Set<String> verified = QuarkusTransaction.requiringNew().call(() -> verifiedKeys(target.location()));
        int copied = 0;
        int alreadyCopied = 0;
        int missing = 0;
        int failed = 0;
        List<ObjectProblem> problems = new ArrayList<>();
        for (String key : keys) {
            if (verified.contains(key)) {
                alreadyCopied++;
                continue;
            }
            Result result = copyOne(key, source, target);
            switch (result.outcome()) {
                case COPIED -> copied++;
                case MISSING -> missing++;
                case FAILED -> failed++;
            }
            if (result.problem() != null && problems.size() < PROBLEMS_LISTED) {
                problems.add(new ObjectProblem(key, result.problem()));
            }
        }
        LOG.infof("Media copy from %s to %s: %d objects, %d copied, %d copied before, %d missing, %d failed.",
                source.location(), target.location(), keys.size(), copied, alreadyCopied, missing, failed);
        return new MediaMigrationView(from.wireName(), to.wireName(), target.location(), keys.size(), copied,
                alreadyCopied, missing, failed, problems);
    }

    private MediaObjectStore open(Kind kind, String field, List<FieldError> unusable) {
        try {
            return stores.get(kind);
        } catch (IllegalStateException e) {
            unusable.add(new FieldError(field, e.getMessage()));
            return null;
        }
    }

    /** One object, in a transaction of its own (a database target writes in it). */
    private Result copyOne(String key, MediaObjectStore source, MediaObjectStore target) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Optional<byte[]> bytes = source.read(key);
                if (bytes.isEmpty()) {
                    return new Result(Outcome.MISSING, "Not in " + source.location() + ".");
                }
                String sha = Text.sha256(bytes.get());
                if (isOriginal(key) && !sha.equals(key)) {
                    return new Result(Outcome.FAILED, "The bytes in " + source.location() + " do not match their SHA-256.");
                }
                target.write(key, bytes.get());
                entityManager.flush(); // a database target's row, so that it can be read back
                if (!target.read(key).map(Text::sha256).filter(sha::equals).isPresent()) {
                    return new Result(Outcome.FAILED, "Read back from " + target.location() + " with another SHA-256.");
                }
                MediaCopy copy = new MediaCopy();
                copy.target = target.location();
                copy.storageKey = key;
                copy.sha256 = sha;
                copy.verifiedAt = Times.now(clock);
                entityManager.persist(copy);
                return new Result(Outcome.COPIED, null);
            });
        } catch (RuntimeException e) {
            LOG.warnf("Media copy of %s to %s failed: %s", key, target.location(), e.getMessage());
            return new Result(Outcome.FAILED, "Could not copy: " + e.getMessage());
        }
    }

    private Set<String> verifiedKeys(String target) {
        return new HashSet<>(entityManager.createQuery("select c.storageKey from MediaCopy c where c.target = :target",
                String.class).setParameter("target", target).getResultList());
    }

    /** An original's key is the SHA-256 of its bytes; a variant's is that of its image plus its width. */
    private static boolean isOriginal(String key) {
        return key.matches("[0-9a-f]{64}");
    }
}
