package io.inkwell.image;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Recently served media in memory, bounded by bytes (least useful entries leave first). Media
 * bytes never change under a key, but an image can be deleted, so entries also go stale when
 * public media changes ({@link ContentKeys#MEDIA}).
 */
@ApplicationScoped
class MediaCache {

    record Media(byte[] bytes, String contentType, String etag) {
    }

    private record Entry(long builtAt, Media media) {
    }

    private static final List<String> MEDIA = List.of(ContentKeys.MEDIA);

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
        Entry entry = entries.getIfPresent(key);
        if (entry != null && generation.unchangedSince(entry.builtAt(), MEDIA)) {
            return Optional.of(entry.media());
        }
        long builtAt = generation.now();
        Optional<Media> loaded = loader.get();
        loaded.ifPresent(media -> put(key, new Entry(builtAt, media)));
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
