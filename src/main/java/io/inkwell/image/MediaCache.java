package io.inkwell.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.ContentGeneration;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Recently served media in memory, bounded by bytes (least useful entries leave first). Media
 * bytes never change under a key, but an image can be deleted, so entries also expire with the
 * content generation.
 */
@ApplicationScoped
class MediaCache {

    record Media(byte[] bytes, String contentType, String etag) {
    }

    private record Entry(long epoch, Media media) {
    }

    private final Cache<String, Entry> entries;
    private final long maxBytes;
    private final ContentGeneration generation;

    MediaCache(InkwellConfig config, ContentGeneration generation) {
        this.maxBytes = config.images().memoryCacheBytes();
        this.generation = generation;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Entry entry) -> entry.media().bytes().length)
                .build();
    }

    Optional<Media> get(String key, Supplier<Optional<Media>> loader) {
        long epoch = generation.epoch();
        Entry entry = entries.getIfPresent(key);
        if (entry != null && entry.epoch() == epoch) {
            return Optional.of(entry.media());
        }
        Optional<Media> loaded = loader.get();
        loaded.ifPresent(media -> put(key, new Entry(epoch, media)));
        return loaded;
    }

    /** Bytes of media held now (the cache's weight). */
    long bytes() {
        return entries.policy().eviction().map(eviction -> eviction.weightedSize().orElse(0L)).orElse(0L);
    }

    void clear() {
        entries.invalidateAll();
        entries.cleanUp();
    }

    private void put(String key, Entry entry) {
        // One large file must not push out everything else.
        if (entry.media().bytes().length <= maxBytes / 8) {
            entries.put(key, entry);
        }
    }
}
