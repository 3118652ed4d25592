package io.inkwell.image;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The heap one image decode may use, shared by the decodes allowed to run at once. What a
 * decode needs is estimated from the image's header and checked here before any pixel is
 * decoded, so an image the server cannot hold is refused with its reason instead of failing
 * halfway.
 *
 * <p>Decoded images are arrays of tens of megabytes, larger than the young generation, so they
 * live in the old generation (with {@code -XX:+UseSerialGC -Xmx128m}: 85 of the 124 MiB), and
 * that is what limits them, less what the rest of the server keeps there.
 */
final class DecodeHeap {

    /**
     * Old-generation heap left to the rest of the server: about 18 MB is live in an idle server
     * with a 128 MB heap; requests in flight take more. The caches (media, and Content API
     * answers, a quarter of the heap) are emptied when a decode needs their room.
     */
    static final long RESERVED_BYTES = 32L << 20;

    private final long maxHeap;
    private final long oldGeneration;
    private final int concurrentDecodes;
    private final long perDecode;
    private final LongSupplier cachedBytes;
    private final Runnable dropCache;

    /**
     * @param oldGeneration the most the generation that holds large arrays can hold
     * @param cachedBytes heap held by a cache that can be emptied to make room for a decode
     * @param dropCache empties that cache
     */
    DecodeHeap(long maxHeap, long oldGeneration, int concurrentDecodes, LongSupplier cachedBytes, Runnable dropCache) {
        this.maxHeap = maxHeap;
        this.oldGeneration = oldGeneration;
        this.concurrentDecodes = Math.max(1, concurrentDecodes);
        this.perDecode = Math.max(0, oldGeneration - RESERVED_BYTES) / this.concurrentDecodes;
        this.cachedBytes = cachedBytes;
        this.dropCache = dropCache;
    }

    /** This JVM's heap. */
    static DecodeHeap ofThisJvm(int concurrentDecodes, LongSupplier cachedBytes, Runnable dropCache) {
        long maxHeap = Runtime.getRuntime().maxMemory();
        // The largest heap pool with a limit: Serial's and Parallel's old generation, G1's old
        // generation (as large as the heap), ZGC's single heap.
        long oldGeneration = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getUsage)
                .mapToLong(usage -> usage.getMax())
                .filter(max -> max > 0)
                .max().orElse(maxHeap);
        return new DecodeHeap(maxHeap, Math.min(oldGeneration, maxHeap), concurrentDecodes, cachedBytes, dropCache);
    }

    /** A budget of exactly {@code perDecode} bytes and nothing cached, for tests. */
    static DecodeHeap of(long perDecode) {
        return new DecodeHeap(perDecode + RESERVED_BYTES, perDecode + RESERVED_BYTES, 1, () -> 0, () -> { });
    }

    /** Bytes of heap one decode may use. */
    long perDecode() {
        return perDecode;
    }

    /**
     * Whether a decode that needs {@code bytes} of heap may run. Media kept in memory for
     * delivery make way (the cache is emptied) when only that makes room.
     */
    boolean admit(long bytes) {
        if (bytes > perDecode) {
            return false;
        }
        if (bytes > perDecode - cachedBytes.getAsLong()) {
            dropCache.run();
        }
        return true;
    }

    /** The most pixels one decode can hold at {@code bytesPerPixel}. */
    long pixelsAt(double bytesPerPixel) {
        return (long) (perDecode / bytesPerPixel);
    }

    /** For logs: how the budget was worked out. */
    String summary() {
        return megabytes(perDecode) + " (the old generation, where large images are kept, holds "
                + megabytes(oldGeneration) + " of this JVM's " + megabytes(maxHeap) + " heap (-Xmx); "
                + megabytes(RESERVED_BYTES) + " of it are left to the rest of the server; " + concurrentDecodes
                + " decode(s) at a time)";
    }

    static String megabytes(long bytes) {
        return Math.round(bytes / (double) (1 << 20)) + " MiB";
    }

    static String megapixels(long pixels) {
        return String.format(Locale.ROOT, "%.1f megapixels", pixels / 1_000_000.0);
    }
}
