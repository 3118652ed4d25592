package io.inkwell.common.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.Text;
import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ready-to-send Content API responses. The JSON comes from snapshots serialized at publish
 * time; this keeps the bytes and their ETag so a repeated read costs a map lookup. Bounded by
 * bytes (INKWELL_CONTENT_CACHE_BYTES); when full, the least useful entries go, one by one.
 */
@ApplicationScoped
public class ContentCache {

    static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";

    private final ContentGeneration generation;
    private final Cache<String, Entry> entries;

    public ContentCache(ContentGeneration generation, InkwellConfig config) {
        this.generation = generation;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.contentCacheBytes())
                .weigher((String key, Entry entry) -> key.length() + entry.body.length)
                .build();
    }

    /**
     * The response for {@code key}: from the cache when still current, else from {@code loader},
     * whose empty result means 404. Answers 304 when the client's ETag matches.
     */
    public Response respond(String key, String ifNoneMatch, Supplier<Optional<String>> loader,
            Supplier<Response> notFound) {
        long epoch = generation.epoch();
        Entry entry = entries.getIfPresent(key);
        if (entry == null || entry.epoch != epoch) {
            Optional<String> json = loader.get();
            if (json.isEmpty()) {
                return notFound.get();
            }
            entry = new Entry(epoch, json.get().getBytes(StandardCharsets.UTF_8));
            entries.put(key, entry);
        }
        if (ifNoneMatch != null && (ifNoneMatch.contains(entry.etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header(HttpHeaders.ETAG, entry.etag)
                    .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL).build();
        }
        return Response.ok(entry.body, MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.ETAG, entry.etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .build();
    }

    private static final class Entry {
        final long epoch;
        final byte[] body;
        final String etag;

        Entry(long epoch, byte[] body) {
            this.epoch = epoch;
            this.body = body;
            this.etag = new EntityTag(Text.sha256(body).substring(0, 32)).toString();
        }
    }
}
