package io.inkwell.common.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.Text;
import io.inkwell.common.config.InkwellConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Ready-to-send Content API responses. The JSON comes from snapshots serialized at publish
 * time; this keeps the bytes, compressed copies of them and their ETag, so a repeated read
 * costs a map lookup, whatever the client's Accept-Encoding. Bounded by bytes (all copies
 * count; INKWELL_CONTENT_CACHE_BYTES); when full, Caffeine's admission policy keeps the often
 * read entries, so a client asking for a new page each time cannot push out the hot ones.
 *
 * <p>Each entry knows the surrogate keys it was built from ({@link ContentKeys}); a write makes
 * stale only the entries under the keys it changed, and the keys go out as {@code Surrogate-Key}
 * and {@code Cache-Tag} for CDNs. A stale entry is rebuilt by one request while the others get
 * the stale copy meanwhile; a missing one is built once while the others wait for it.
 *
 * <p>The ETag names the JSON, not the bytes on the wire: one weak tag ({@code W/"..."}) for
 * every encoding of it, since gzip and identity bodies of the same JSON are different bytes
 * but the same content. If-None-Match compares weakly, so a client holding any encoding gets
 * 304 while the JSON is unchanged.
 */
@ApplicationScoped
public class ContentCache {

    static final String SURROGATE_KEY = "Surrogate-Key";
    static final String CACHE_TAG = "Cache-Tag";
    /** Whether the answer came from memory ({@code HIT}), was built for it ({@code MISS}), or is the copy served while another request rebuilds it ({@code STALE}). */
    static final String X_CACHE = "X-Cache";
    private static final String HIT = "HIT";
    private static final String MISS = "MISS";
    private static final String STALE = "STALE";
    private static final String ANY_TAG = "*";
    private static final String WEAK_PREFIX = "W/";
    /** How long a request waits for another one building the same entry before building it too. */
    private static final long WAIT_FOR_BUILD_SECONDS = 10;

    private final ContentGeneration generation;
    private final InkwellConfig.CacheControl cacheControl;
    private final Cache<String, Entry> entries;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Entry>>> building = new ConcurrentHashMap<>();

    public ContentCache(ContentGeneration generation, InkwellConfig config) {
        this.generation = generation;
        this.cacheControl = config.cacheControl();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.contentCacheBytes())
                .weigher((String key, Entry entry) -> key.length() + entry.bytes())
                .build();
    }

    /**
     * The response for {@code key}: from the cache when none of its keys changed since it was
     * built, else from {@code loader}, whose empty result means 404. Answers 304 when the
     * client's ETag matches, and the body in the best coding the request accepts otherwise.
     *
     * <p>A current entry is answered at once, on the calling thread (the event loop, for a
     * resource returning the Uni), since it needs nothing but memory; anything that may read
     * the database ({@code loader}, {@code notFound}) runs on a worker thread.
     */
    public Uni<Response> respond(String key, ContentRoute route, HttpHeaders request,
            Supplier<Optional<KeyedContent>> loader, Supplier<Response> notFound) {
        List<String> ifNoneMatch = request.getRequestHeader(HttpHeaders.IF_NONE_MATCH);
        List<String> acceptEncoding = request.getRequestHeader(HttpHeaders.ACCEPT_ENCODING);
        Entry cached = entries.getIfPresent(key);
        if (cached != null && generation.unchangedSince(cached.builtAt, cached.keys)) {
            return Uni.createFrom().item(answer(cached, HIT, route, ifNoneMatch, acceptEncoding));
        }
        return Uni.createFrom().item(() -> {
            Optional<Entry> current = rebuild(key, cached, loader);
            if (current.isEmpty()) {
                return notFound.get();
            }
            return answer(current.get(), current.get() == cached ? STALE : MISS, route, ifNoneMatch, acceptEncoding);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private Response answer(Entry entry, String status, ContentRoute route, List<String> ifNoneMatch,
            List<String> acceptEncoding) {
        Response.ResponseBuilder answer;
        if (matchesAny(ifNoneMatch, entry.opaqueTag)) {
            answer = Response.notModified();
        } else {
            ContentCoding coding = AcceptEncoding.of(acceptEncoding).choose(entry.codings());
            answer = Response.ok(entry.body(coding), entry.type);
            if (coding != ContentCoding.IDENTITY) {
                answer.header(HttpHeaders.CONTENT_ENCODING, coding.token());
            }
        }
        // A 304 carries the headers a 200 would (RFC 9110, 15.4.5), Vary too: a cache that
        // revalidates its copy takes them over.
        return answer.header(HttpHeaders.ETAG, entry.etag)
                .header(HttpHeaders.CACHE_CONTROL, route.cacheControl(cacheControl))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .header(SURROGATE_KEY, entry.surrogateKeys)
                .header(CACHE_TAG, entry.cacheTags)
                .header(X_CACHE, status)
                .build();
    }

    /**
     * Builds the entry again, once: a request that finds another building it takes the stale
     * copy when there is one, else waits for the new one. A build that failed fails its waiters
     * the same way.
     */
    private Optional<Entry> rebuild(String key, Entry stale, Supplier<Optional<KeyedContent>> loader) {
        CompletableFuture<Optional<Entry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Entry>> running = building.putIfAbsent(key, mine);
        if (running != null) {
            if (stale != null) {
                return Optional.of(stale);
            }
            Optional<Entry> awaited = await(running);
            if (awaited != null) {
                return awaited;
            }
        }
        try {
            long builtAt = generation.now();
            Optional<Entry> built = loader.get().map(content -> new Entry(builtAt, content));
            built.ifPresentOrElse(entry -> entries.put(key, entry), () -> entries.invalidate(key));
            mine.complete(built);
            return built;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            building.remove(key, mine);
        }
    }

    /** The other build's result; null when it took too long, so the caller builds. */
    private static Optional<Entry> await(CompletableFuture<Optional<Entry>> running) {
        try {
            return running.get(WAIT_FOR_BUILD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            return null;
        }
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
        final long builtAt;
        final List<String> keys;
        final String surrogateKeys;
        final String cacheTags;
        final MediaType type;
        final String opaqueTag;
        final String etag;
        private final byte[] identity;
        private final Map<ContentCoding, byte[]> compressed;
        private final List<ContentCoding> codings;

        Entry(long builtAt, KeyedContent content) {
            this.builtAt = builtAt;
            this.keys = content.keys();
            this.surrogateKeys = String.join(" ", keys);
            this.cacheTags = String.join(",", keys);
            this.type = content.type();
            this.identity = content.body().getBytes(StandardCharsets.UTF_8);
            this.compressed = Compression.compress(identity);
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
            return identity.length + compressed.values().stream().mapToInt(body -> body.length).sum()
                    + surrogateKeys.length() * 2;
        }
    }
}
