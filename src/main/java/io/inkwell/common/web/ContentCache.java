package io.inkwell.common.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.Text;
import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Ready-to-send Content API responses. The JSON comes from snapshots serialized at publish
 * time; this keeps the bytes, compressed copies of them and their ETag, so a repeated read
 * costs a map lookup, whatever the client's Accept-Encoding. Bounded by bytes (all copies
 * count; INKWELL_CONTENT_CACHE_BYTES); when full, the least useful entries go, one by one.
 *
 * <p>The ETag names the JSON, not the bytes on the wire: one weak tag ({@code W/"..."}) for
 * every encoding of it, since gzip and identity bodies of the same JSON are different bytes
 * but the same content. If-None-Match compares weakly, so a client holding any encoding gets
 * 304 while the JSON is unchanged.
 */
@ApplicationScoped
public class ContentCache {

    static final String CACHE_CONTROL = "public, max-age=0, must-revalidate";
    private static final String ANY_TAG = "*";
    private static final String WEAK_PREFIX = "W/";

    private final ContentGeneration generation;
    private final Cache<String, Entry> entries;

    public ContentCache(ContentGeneration generation, InkwellConfig config) {
        this.generation = generation;
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.contentCacheBytes())
                .weigher((String key, Entry entry) -> key.length() + entry.bytes())
                .build();
    }

    /**
     * The response for {@code key}: from the cache when still current, else from {@code loader},
     * whose empty result means 404. Answers 304 when the client's ETag matches, and the body in
     * the best coding the request accepts otherwise.
     */
    public Response respond(String key, HttpHeaders request, Supplier<Optional<String>> loader,
            Supplier<Response> notFound) {
        return respond(key, request, MediaType.APPLICATION_JSON_TYPE, loader, notFound);
    }

    /** The same for a body of another type (a feed, a sitemap); {@code key} must name one type only. */
    public Response respond(String key, HttpHeaders request, MediaType type, Supplier<Optional<String>> loader,
            Supplier<Response> notFound) {
        long epoch = generation.epoch();
        Entry entry = entries.getIfPresent(key);
        if (entry == null || entry.epoch != epoch) {
            Optional<String> json = loader.get();
            if (json.isEmpty()) {
                return notFound.get();
            }
            byte[] identity = json.get().getBytes(StandardCharsets.UTF_8);
            entry = new Entry(epoch, identity, Compression.compress(identity));
            entries.put(key, entry);
        }
        Response.ResponseBuilder answer;
        if (matchesAny(request.getRequestHeader(HttpHeaders.IF_NONE_MATCH), entry.opaqueTag)) {
            answer = Response.notModified();
        } else {
            ContentCoding coding = AcceptEncoding.of(request.getRequestHeader(HttpHeaders.ACCEPT_ENCODING))
                    .choose(entry.codings());
            answer = Response.ok(entry.body(coding), type);
            if (coding != ContentCoding.IDENTITY) {
                answer.header(HttpHeaders.CONTENT_ENCODING, coding.token());
            }
        }
        // A 304 carries the headers a 200 would (RFC 9110, 15.4.5), Vary too: a cache that
        // revalidates its copy takes them over.
        return answer.header(HttpHeaders.ETAG, entry.etag)
                .header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .build();
    }

    /** If-None-Match's weak comparison (RFC 9110, 8.8.3.2): {@code "x"} and {@code W/"x"} are the same tag. */
    private static boolean matchesAny(List<String> ifNoneMatch, String opaqueTag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String value : ifNoneMatch) {
            for (String tag : value.split(",")) {
                String candidate = tag.strip();
                if (candidate.equals(ANY_TAG)) {
                    return true;
                }
                if (candidate.startsWith(WEAK_PREFIX)) {
                    candidate = candidate.substring(WEAK_PREFIX.length());
                }
                if (candidate.equals(opaqueTag)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static final class Entry {
        final long epoch;
        final String opaqueTag;
        final String etag;
        private final byte[] identity;
        private final Map<ContentCoding, byte[]> compressed;
        private final List<ContentCoding> codings;

        Entry(long epoch, byte[] identity, Map<ContentCoding, byte[]> compressed) {
            this.epoch = epoch;
            this.identity = identity;
            this.compressed = compressed;
            this.codings = List.copyOf(compressed.keySet());
            this.opaqueTag = '"' + Text.sha256(identity).substring(0, 32) + '"';
            this.etag = WEAK_PREFIX + opaqueTag;
        }

        /** The compressed codings this body has, best first. */
        List<ContentCoding> codings() {
            return codings;
        }

        byte[] body(ContentCoding coding) {
            return compressed.getOrDefault(coding, identity);
        }

        int bytes() {
            return identity.length + compressed.values().stream().mapToInt(body -> body.length).sum();
        }
    }
}
