package io.inkwell.auth;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

/**
 * Every Admin API request passes here before any resource runs, so no admin endpoint can be
 * written that forgets the check.
 */
public class AdminAuthFilter {

    private static final String ADMIN_PREFIX = "/api/admin";
    private final TokenService tokens;

    public AdminAuthFilter(TokenService tokens) {
        this.tokens = tokens;
    }

    /** Before routing, on the path as routing will see it: unknown admin addresses get 401 too. */
    @ServerRequestFilter(preMatching = true, priority = 10)
    public Response requireTokenForAdminPaths(ContainerRequestContext request) {
        String path = routedPath(request.getUriInfo().getRequestUri().getRawPath());
        if (!path.equals(ADMIN_PREFIX) && !path.startsWith(ADMIN_PREFIX + "/")) {
            return null;
        }
        return check(request);
    }

    /**
     * After routing, by what was matched rather than how the address was spelled: whatever
     * encoding or dot segments a request uses, an @AdminApi resource is never reached without
     * a token.
     */
    @ServerRequestFilter(priority = 10)
    public Response requireTokenForAdminResources(ContainerRequestContext request, SimpleResourceInfo resource) {
        if (resource == null || resource.getResourceClass() == null
                || !resource.getResourceClass().isAnnotationPresent(AdminApi.class)) {
            return null;
        }
        return check(request);
    }

    /** Decoded, without matrix parameters or dot segments, in lower case. */
    static String routedPath(String rawPath) {
        String withoutParams = rawPath.replaceAll(";[^/]*", "");
        String decoded = java.net.URLDecoder.decode(withoutParams.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        String normalized = java.net.URI.create("http://h" + encodeSpaces(decoded)).normalize().getPath();
        return (normalized == null ? decoded : normalized).replaceAll("/{2,}", "/").toLowerCase(java.util.Locale.ROOT);
    }

    private static String encodeSpaces(String path) {
        return path.replaceAll("[^A-Za-z0-9/._~!$&'()*+,;=:@-]", "_");
    }

    private Response check(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        if (token != null && tokens.isValid(token)) {
            return null;
        }
        String detail = token == null
                ? "The Admin API needs an 'Authorization: Bearer <token>' header."
                : "The bearer token is not valid.";
        return Response.fromResponse(Problems.response(HttpStatus.UNAUTHORIZED, detail, request.getUriInfo()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inkwell-admin\"")
                .build();
    }
}
