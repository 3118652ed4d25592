package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    public CorsPolicy(InkwellConfig config) {
        this(config.cors().contentOrigins(), config.cors().adminOrigins().orElse(List.of()));
    }

    CorsPolicy(List<String> contentOrigins, List<String> adminOrigins) {
        this.contentOrigins = Set.copyOf(contentOrigins);
        this.anyContentOrigin = this.contentOrigins.contains("*");
        this.adminOrigins = Set.copyOf(adminOrigins);
    }

    /** What an origin may do on a path: the value of Access-Control-Allow-Origin and the methods. */
    public record Grant(String allowOrigin, String methods) {

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
        if (Routes.isAdmin(path)) {
            return adminOrigins.contains(origin) ? Optional.of(new Grant(origin, ADMIN_METHODS)) : Optional.empty();
        }
        if (Routes.isPublicRead(path)) {
            if (anyContentOrigin) {
                return Optional.of(new Grant("*", PUBLIC_METHODS));
            }
            return contentOrigins.contains(origin) ? Optional.of(new Grant(origin, PUBLIC_METHODS))
                    : Optional.empty();
        }
        return Optional.empty();
    }
}
