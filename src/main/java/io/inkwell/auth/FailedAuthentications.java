package io.inkwell.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * Counts bad tokens per client address in fixed windows. Past the limit, the address is refused
 * every token until its window ends, valid ones too: otherwise a guesser would still learn which
 * guess was right. Kept per instance, in memory, bounded in size.
 */
@ApplicationScoped
public class FailedAuthentications {

    private final int maxFailures;
    private final long windowNanos;
    private final Cache<String, Window> windows;

    private static final class Window {
        final long start = System.nanoTime();
        volatile int failures;
    }

    public FailedAuthentications(InkwellConfig config) {
        this.maxFailures = config.auth().maxFailures();
        this.windowNanos = config.auth().failureWindow().toNanos();
        this.windows = Caffeine.newBuilder()
                .expireAfterWrite(config.auth().failureWindow())
                .maximumSize(100_000)
                .build();
    }

    public void recordFailure(String address) {
        windows.asMap().compute(address, (key, window) -> {
            Window current = window == null || expired(window) ? new Window() : window;
            current.failures++;
            return current;
        });
    }

    /** How long the address must wait before its next token is looked at, if it is blocked. */
    public Optional<Duration> blockedFor(String address) {
        Window window = windows.getIfPresent(address);
        if (window == null || expired(window) || window.failures < maxFailures) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(window.start + windowNanos - System.nanoTime()));
    }

    private boolean expired(Window window) {
        return System.nanoTime() - window.start >= windowNanos;
    }
}
