package io.inkwell.image;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.ContentGeneration;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Recently served media in memory, bounded by bytes. Media bytes never change under a key,
 * but an image can be deleted, so entries also expire with the content generation.
 */
@ApplicationScoped
class MediaCache {

    record Media(byte[] bytes, String contentType, String etag) {
    }

    private record Entry(long epoch, Media media) {
    }

    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();
    private final long maxBytes;
    private final ContentGeneration generation;

    MediaCache(InkwellConfig config, ContentGeneration generation) {
        this.maxBytes = config.images().memoryCacheBytes();
        this.generation = generation;
    }

    Optional<Media> get(String key, Supplier<Optional<Media>> loader) {
        long epoch = generation.epoch();
        Entry entry = entries.get(key);
        if (entry != null && entry.epoch() == epoch) {
            return Optional.of(entry.media());
        }
        Optional<Media> loaded = loader.get();
        loaded.ifPresent(media -> put(key, new Entry(epoch, media)));
        return loaded;
    }

    /** Bytes of media held now. */
    long bytes() {
        return cachedBytes.get();
    }

    void clear() {
        entries.clear();
        cachedBytes.set(0);
    }

    private void put(String key, Entry entry) {
        long size = entry.media().bytes().length;
        if (size > maxBytes / 8) {
            return;
        }
        if (cachedBytes.addAndGet(size) > maxBytes) {
            clear();
            cachedBytes.addAndGet(size);
        }
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            cachedBytes.addAndGet(-previous.media().bytes().length);
        }
    }
}
