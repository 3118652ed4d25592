package io.inkwell.common.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.Text;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ServiceUnavailableException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
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
 * time; this keeps the bytes, their ETag, and a compressed copy in each coding clients have
 * asked for (made at the first such request), so a repeated read costs a map lookup, whatever
 * the client's Accept-Encoding. Bounded by bytes (all copies count; INKWELL_CONTENT_CACHE_BYTES,
 * else a quarter of the heap, so a server given more memory for a larger blog caches more);
 * when full, Caffeine's admission policy keeps the often read entries, so a client asking for
 * a new page each time cannot push out the hot ones.
 * Search answers enter at their second ask ({@link ContentRoute#cachedFromSecondAsk}).
 *
 * <p>Each entry knows the surrogate keys it was built from ({@link ContentKeys}); a write makes
 * stale only the entries under the keys it changed, and the keys go out as {@code Surrogate-Key}
 * and {@code Cache-Tag} for CDNs. A stale entry is rebuilt by one request while the others get
 * the stale copy meanwhile; a missing one is built once while the others wait for it.
 *
 * <p>A hit is answered before RESTEasy when it can be ({@link CachedAnswerRoute}): each request
 * target that was answered from here (as sent, query included) is remembered with its entry's
 * key, so the next request for that target finds the entry without a resource method.
 *
 * <p>The ETag names the JSON, not the bytes on the wire: one weak tag ({@code W/"..."}) for
 * every encoding of it, since gzip and identity bodies of the same JSON are different bytes
 * but the same content. If-None-Match compares weakly, so a client holding any encoding gets
 * 304 while the JSON is unchanged.
 */
@ApplicationScoped
public class ContentCache {

    private static final Logger LOG = Logger.getLogger(ContentCache.class);

    static final String SURROGATE_KEY = "Surrogate-Key";
    static final String CACHE_TAG = "Cache-Tag";
    /** Whether the answer came from memory ({@code HIT}), was built for it ({@code MISS}), or is the copy served while another request rebuilds it ({@code STALE}). */
    static final String X_CACHE = "X-Cache";
    private static final String HIT = "HIT";
    private static final String MISS = "MISS";
    private static final String STALE = "STALE";
    private static final String WEAK_PREFIX = "W/";
    /** How long a request waits for another one building the same entry before building it too. */
    private static final long WAIT_FOR_BUILD_SECONDS = 10;

    /** The memory the remembered request targets may take, about 20,000 of them at most. */
    private static final long MAX_TARGET_BYTES = 4L * 1024 * 1024;
    /**
     * Longer targets are answered the whole way: an address padded to the request line's limit
     * (a long made-up host, zeros before a number) would otherwise fill the map for nothing.
     */
    private static final int MAX_TARGET_CHARS = 512;

    private final ContentGeneration generation;
    private final InkwellConfig.CacheControl cacheControl;
    private final Cache<String, Entry> entries;
    /** Request target as sent -> where its answer is: the key of its entry and its route family. */
    private final Cache<String, Target> targets;
    private final ConcurrentHashMap<String, CompletableFuture<Optional<Entry>>> building = new ConcurrentHashMap<>();
    private final FirstAsks firstAsks = new FirstAsks();
    private final boolean sizeFromConfig;

    public ContentCache(ContentGeneration generation, InkwellConfig config) {
        this.generation = generation;
        this.cacheControl = config.cacheControl();
        this.sizeFromConfig = config.contentCacheBytes().isPresent();
        long maximumBytes = config.contentCacheBytes().orElse(Runtime.getRuntime().maxMemory() / 4);
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maximumBytes)
                .weigher((String key, Entry entry) -> key.length() + entry.bytes())
                .build();
        // Bounded like the entries, with the same admission policy: a client inventing new
        // addresses cannot push out the ones readers ask for.
        this.targets = Caffeine.newBuilder().maximumWeight(MAX_TARGET_BYTES)
                .weigher((String address, Target target) -> 2 * address.length() + 64)
                .build();
    }

    private record Target(String key, ContentRoute route) {
    }

    /** Says at start how much it may keep, so a large blog's operator can size the heap for it. */
    void logSize(@Observes StartupEvent started) {
        LOG.infof("Content API responses: up to %d MiB kept in memory%s", Math.round(maximumBytes() / 1048576.0),
                sizeFromConfig ? "" : " (a quarter of the heap; INKWELL_CONTENT_CACHE_BYTES sets it)");
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
    public Uni<Response> respond(String key, ContentRoute route, HttpServerRequest request,
            Supplier<Optional<KeyedContent>> loader, Supplier<Response> notFound) {
        List<String> ifNoneMatch = request.headers().getAll(HttpHeaders.IF_NONE_MATCH);
        AcceptEncoding acceptEncoding = AcceptEncoding.of(request.headers().getAll(HttpHeaders.ACCEPT_ENCODING));
        String target = request.uri();
        Entry cached = entries.getIfPresent(key);
        if (cached != null && generation.unchangedSince(cached.builtAt, cached.keys)) {
            remember(target, key, route);
            Optional<ContentCoding> sent = cached.readyToSend(ifNoneMatch, acceptEncoding);
            if (sent.isPresent()) {
                return Uni.createFrom().item(answer(cached, HIT, route, ifNoneMatch, sent.get()).toResponse());
            }
            // The first request for this coding compresses the body, off the event loop.
            return Uni.createFrom().item(() -> {
                ContentCoding coding = acceptEncoding.choose(cached.candidates());
                return answer(encoded(key, cached, coding), HIT, route, ifNoneMatch, coding).toResponse();
            }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        }
        return Uni.createFrom().item(() -> {
            boolean keep = cached != null || !route.cachedFromSecondAsk() || firstAsks.recordAsk(key);
            Optional<Entry> current = rebuild(key, cached, loader, acceptEncoding, keep);
            if (current.isEmpty()) {
                return notFound.get();
            }
            if (keep) {
                remember(target, key, route);
            }
            Entry entry = current.get();
            String status = entry == cached ? STALE : MISS;
            ContentCoding coding = acceptEncoding.choose(entry.candidates());
            if (!matchesAny(ifNoneMatch, entry.opaqueTag)) {
                entry = encoded(key, entry, coding);
            }
            return answer(entry, status, route, ifNoneMatch, coding).toResponse();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * The answer to this request if it can be given from memory alone, before any resource
     * method: its target was answered from here before, its entry is current (or stale while
     * another request rebuilds it: the stale copy, as {@link #respond} gives it then) and
     * already in the coding the client takes (or the client's ETag matches), and it asks for
     * the entry's type. Empty when the request should go the whole way ({@link #respond}).
     */
    Optional<Answer> answerAtOnce(HttpServerRequest request) {
        Target target = targets.getIfPresent(request.uri());
        if (target == null) {
            return Optional.empty();
        }
        Entry cached = entries.getIfPresent(target.key());
        if (cached == null || !accepts(request, cached.type)) {
            return Optional.empty();
        }
        String status = generation.unchangedSince(cached.builtAt, cached.keys) ? HIT
                : building.containsKey(target.key()) ? STALE : null;
        if (status == null) {
            return Optional.empty(); // stale, and no request rebuilding it yet: this one will
        }
        List<String> ifNoneMatch = request.headers().getAll(HttpHeaders.IF_NONE_MATCH);
        AcceptEncoding acceptEncoding = AcceptEncoding.of(request.headers().getAll(HttpHeaders.ACCEPT_ENCODING));
        return cached.readyToSend(ifNoneMatch, acceptEncoding)
                .map(coding -> answer(cached, status, target.route(), ifNoneMatch, coding));
    }

    /** No Accept, any type, or exactly this one: what the resource methods would answer the same way. */
    private static boolean accepts(HttpServerRequest request, MediaType type) {
        List<String> accept = request.headers().getAll(HttpHeaders.ACCEPT);
        if (accept.isEmpty()) {
            return true;
        }
        if (accept.size() > 1) {
            return false;
        }
        String only = accept.get(0).strip();
        return only.equals("*/*") || only.equalsIgnoreCase(type.toString());
    }

    /** Only targets whose answer follows from the address alone; the change feed's also depends on the watermark. */
    private void remember(String target, String key, ContentRoute route) {
        if (route.keyedByAddressAlone() && target.length() <= MAX_TARGET_CHARS && targets.getIfPresent(target) == null) {
            targets.put(target, new Target(key, route));
        }
    }

    /**
     * The entry with its body in this coding too: compressed now, once, and kept in the cache
     * in place of the entry without it (unless the entry changed meanwhile).
     */
    private Entry encoded(String key, Entry entry, ContentCoding coding) {
        if (entry.has(coding)) {
            return entry;
        }
        Entry withCoding = compressed(entry, coding);
        entries.asMap().replace(key, entry, withCoding);
        return withCoding;
    }

    private static Entry compressed(Entry entry, ContentCoding coding) {
        return entry.has(coding) ? entry : entry.with(coding, Compression.compress(coding, entry.identity));
    }

    private Answer answer(Entry entry, String status, ContentRoute route, List<String> ifNoneMatch,
            ContentCoding coding) {
        List<Map.Entry<String, String>> headers = new ArrayList<>(8);
        byte[] body = null;
        if (!matchesAny(ifNoneMatch, entry.opaqueTag)) {
            body = entry.body(coding);
            headers.add(Map.entry(HttpHeaders.CONTENT_TYPE, entry.contentType));
            if (body != entry.identity) {
                headers.add(Map.entry(HttpHeaders.CONTENT_ENCODING, coding.token()));
            }
        }
        // A 304 carries the headers a 200 would (RFC 9110, 15.4.5), Vary too: a cache that
        // revalidates its copy takes them over.
        headers.add(Map.entry(HttpHeaders.ETAG, entry.etag));
        headers.add(Map.entry(HttpHeaders.CACHE_CONTROL, route.cacheControl(cacheControl)));
        headers.add(Map.entry(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING));
        headers.add(Map.entry(SURROGATE_KEY, entry.surrogateKeys));
        headers.add(Map.entry(CACHE_TAG, entry.cacheTags));
        headers.add(Map.entry(X_CACHE, status));
        return new Answer(body, headers);
    }

    /**
     * A cached answer, whichever way it goes out: 200 with its body and headers (Content-Type
     * among them), or 304 (no body) with the headers a 200 would have but the body's own.
     */
    record Answer(byte[] body, List<Map.Entry<String, String>> headers) {

        int status() {
            return body == null ? Response.Status.NOT_MODIFIED.getStatusCode() : Response.Status.OK.getStatusCode();
        }

        Response toResponse() {
            Response.ResponseBuilder response = Response.status(status()).entity(body);
            headers.forEach(header -> response.header(header.getKey(), header.getValue()));
            return response.build();
        }
    }

    /**
     * Builds the entry again, once: a request that finds another building it takes the stale
     * copy when there is one, else waits for the new one. A build that failed fails its waiters
     * the same way; one the server was too busy to run (a 503, such as a search that no slot
     * came for in time) answers with the stale copy when there is one. The new entry enters the
     * cache already compressed in the coding the building request takes, so the requests that
     * come meanwhile with the same Accept-Encoding (after a publish, most of a page's readers)
     * find it ready rather than each compressing it. Unless {@code keep} is false (an answer
     * asked for the first time on a route that caches from the second ask): then it answers this
     * request and those waiting for it only.
     */
    private Optional<Entry> rebuild(String key, Entry stale, Supplier<Optional<KeyedContent>> loader,
            AcceptEncoding acceptEncoding, boolean keep) {
        CompletableFuture<Optional<Entry>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<Entry>> running = building.putIfAbsent(key, mine);
        if (running != null) {
            if (stale != null) {
                return Optional.of(stale);
            }
            Optional<Entry> awaited = await(running);
            if (awaited != null) {
                // The build this request waited for may be a first ask's, which keeps nothing.
                if (keep) {
                    awaited.ifPresent(entry -> entries.asMap().putIfAbsent(key, entry));
                }
                return awaited;
            }
        }
        try {
            long builtAt = generation.now();
            Optional<Entry> built = loader.get().map(content -> new Entry(builtAt, content))
                    .map(entry -> compressed(entry, acceptEncoding.choose(entry.candidates())));
            if (keep) {
                built.ifPresentOrElse(entry -> entries.put(key, entry), () -> entries.invalidate(key));
            }
            mine.complete(built);
            return built;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            if (e instanceof ServiceUnavailableException && stale != null) {
                // Too busy to build it again now: the stale copy, which the requests meanwhile
                // got too, rather than a 503; a later request rebuilds.
                return Optional.of(stale);
            }
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

    /** Whether any of the If-None-Match values names the tag ({@link EntityTags#noneMatchNames}). */
    private static boolean matchesAny(List<String> ifNoneMatch, String opaqueTag) {
        return ifNoneMatch != null && ifNoneMatch.stream().anyMatch(value -> EntityTags.noneMatchNames(value, opaqueTag));
    }

    /** What the bytes the cache holds may come to: INKWELL_CONTENT_CACHE_BYTES, else a quarter of the heap. */
    long maximumBytes() {
        return entries.policy().eviction().orElseThrow().getMaximum();
    }

    /** The bytes the cache holds now, every coding of every entry counted: what INKWELL_CONTENT_CACHE_BYTES bounds. */
    public long heldBytes() {
        entries.cleanUp();
        return entries.policy().eviction().orElseThrow().weightedSize().orElseThrow();
    }

    /**
     * Drops every answer: each is built again at its next request. For an image decode that
     * needs the heap they take ({@code DecodeHeap}); a refused upload would cost more.
     */
    public void clear() {
        entries.invalidateAll();
    }

    /**
     * One response: its JSON, and each compressed coding a client has asked for so far. A body
     * is compressed in a coding only when a request takes it (the one that builds the entry or a
     * later one), so a page one crawler reads once costs no compression it never used, and the
     * cache's bytes go to the codings clients take.
     */
    private static final class Entry {
        final long builtAt;
        final List<String> keys;
        final String surrogateKeys;
        final String cacheTags;
        final MediaType type;
        final String contentType;
        final String opaqueTag;
        final String etag;
        final byte[] identity;
        /** The codings tried so far; a coding that did not make the body smaller maps to {@link #identity}. */
        private final Map<ContentCoding, byte[]> encoded;

        Entry(long builtAt, KeyedContent content) {
            this.builtAt = builtAt;
            this.keys = content.keys();
            this.surrogateKeys = String.join(" ", keys);
            this.cacheTags = String.join(",", keys);
            this.type = content.type();
            this.contentType = type.toString();
            this.identity = content.body().getBytes(StandardCharsets.UTF_8);
            this.encoded = Map.of();
            this.opaqueTag = '"' + Text.sha256(identity).substring(0, 32) + '"';
            this.etag = WEAK_PREFIX + opaqueTag;
        }

        private Entry(Entry entry, Map<ContentCoding, byte[]> encoded) {
            this.builtAt = entry.builtAt;
            this.keys = entry.keys;
            this.surrogateKeys = entry.surrogateKeys;
            this.cacheTags = entry.cacheTags;
            this.type = entry.type;
            this.contentType = entry.contentType;
            this.identity = entry.identity;
            this.encoded = encoded;
            this.opaqueTag = entry.opaqueTag;
            this.etag = entry.etag;
        }

        /** The compressed codings this body may be sent in, best first. */
        List<ContentCoding> candidates() {
            return Compression.candidates(identity.length);
        }

        /** The coding to send when no compressing is needed for it: a 304, identity, or a coding made before. */
        Optional<ContentCoding> readyToSend(List<String> ifNoneMatch, AcceptEncoding acceptEncoding) {
            ContentCoding coding = acceptEncoding.choose(candidates());
            return has(coding) || matchesAny(ifNoneMatch, opaqueTag) ? Optional.of(coding) : Optional.empty();
        }

        boolean has(ContentCoding coding) {
            return coding == ContentCoding.IDENTITY || encoded.containsKey(coding);
        }

        /** This entry with one more coding tried: its bytes, or none when it did not make the body smaller. */
        Entry with(ContentCoding coding, Optional<byte[]> body) {
            Map<ContentCoding, byte[]> more = new EnumMap<>(ContentCoding.class);
            more.putAll(encoded);
            more.put(coding, body.orElse(identity));
            return new Entry(this, Collections.unmodifiableMap(more));
        }

        byte[] body(ContentCoding coding) {
            return encoded.getOrDefault(coding, identity);
        }

        int bytes() {
            int compressed = encoded.values().stream().filter(body -> body != identity).mapToInt(body -> body.length).sum();
            return identity.length + compressed + surrogateKeys.length() * 2;
        }
    }
}
