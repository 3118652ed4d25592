package io.inkwell.common.web;

import io.inkwell.common.Text;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Ready-to-send Content API responses. The JSON comes from snapshots serialized at publish
 * time; this keeps the bytes and their ETag so a repeated read costs a map lookup.
 */
@ApplicationScoped
public class ContentCache {

    private static final int MAX_ENTRIES = 20_000;
    static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";

    private final ContentGeneration generation;
    private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

    public ContentCache(ContentGeneration generation) {
        this.generation = generation;
    }

    /**
     * The response for {@code key}: from the cache when still current, else from {@code loader},
     * whose empty result means 404. Answers 304 when the client's ETag matches.
     */
    public Response respond(String key, String ifNoneMatch, Supplier<Optional<String>> loader,
            Supplier<Response> notFound) {
        long epoch = generation.epoch();
        Entry entry = entries.get(key);
        if (entry == null || entry.epoch != epoch) {
            Optional<String> json = loader.get();
            if (json.isEmpty()) {
                return notFound.get();
            }
            entry = new Entry(epoch, json.get().getBytes(StandardCharsets.UTF_8));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
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
