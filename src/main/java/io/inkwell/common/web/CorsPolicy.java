package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which origin may read which answer. The Content API and /media are public: any origin (or the
 * configured ones) may GET them, without credentials. The Admin API answers only the origins in
 * INKWELL_CORS_ADMIN_ORIGINS (none by default), with the headers a token-carrying client sends.
 */
@ApplicationScoped
public class CorsPolicy {

    static final String ALLOWED_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Accept";
    static final String EXPOSED_HEADERS = "ETag, Location, Retry-After, WWW-Authenticate";
    private static final String PUBLIC_METHODS = "GET, HEAD";
    private static final String ADMIN_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";

    private final Set<String> contentOrigins;
    private final boolean anyContentOrigin;
    private final Set<String> adminOrigins;

    public CorsPolicy(InkwellConfig config) {
        this.contentOrigins = Set.copyOf(config.cors().contentOrigins());
        this.anyContentOrigin = contentOrigins.contains("*");
        this.adminOrigins = Set.copyOf(config.cors().adminOrigins().orElse(List.of()));
    }

    /** What an origin may do on a path: the value of Access-Control-Allow-Origin and the methods. */
    public record Grant(String allowOrigin, String methods, boolean admin) {

        /** The headers an answer to this origin carries (preflights add theirs). */
        public Map<String, String> responseHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Access-Control-Allow-Origin", allowOrigin);
            headers.put("Access-Control-Expose-Headers", EXPOSED_HEADERS);
            if (!"*".equals(allowOrigin)) {
                headers.put("Vary", "Origin");
            }
            return headers;
        }
    }

    public Optional<Grant> grant(String path, String origin) {
        if (origin == null) {
            return Optional.empty();
        }
        if (path.startsWith("/api/admin")) {
            return adminOrigins.contains(origin) ? Optional.of(new Grant(origin, ADMIN_METHODS, true)) : Optional.empty();
        }
        if (path.startsWith("/api/content/") || path.startsWith("/media/")) {
            if (anyContentOrigin) {
                return Optional.of(new Grant("*", PUBLIC_METHODS, false));
            }
            return contentOrigins.contains(origin) ? Optional.of(new Grant(origin, PUBLIC_METHODS, false))
                    : Optional.empty();
        }
        return Optional.empty();
    }
}
