package io.inkwell.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Inkwell's own settings; each can be set by an environment variable (INKWELL_...). */
@ConfigMapping(prefix = "inkwell")
public interface InkwellConfig {

    /** INKWELL_ADMIN_TOKEN: installed as an admin token at start if it is not stored yet. */
    Optional<String> adminToken();

    /** Largest JSON body the API reads (INKWELL_MAX_JSON_BYTES). */
    @WithDefault("1048576")
    long maxJsonBytes();

    /** How long the Content API caches a response before checking for changes by other instances. */
    @WithDefault("1s")
    Duration contentCacheCheckInterval();
}
