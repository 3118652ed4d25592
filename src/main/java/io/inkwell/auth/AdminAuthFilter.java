package io.inkwell.auth;

import io.inkwell.common.error.ProblemMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

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

    @ServerRequestFilter(preMatching = true, priority = 10)
    public Response requireToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!path.equals(ADMIN_PREFIX) && !path.startsWith(ADMIN_PREFIX + "/")) {
            return null;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).trim() : null;
        if (token != null && tokens.isValid(token)) {
            return null;
        }
        String detail = token == null
                ? "The Admin API needs an 'Authorization: Bearer <token>' header."
                : "The bearer token is not valid.";
        return Response.fromResponse(ProblemMapper.problem(401, "Unauthorized", detail, List.of(), request.getUriInfo()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"inkwell-admin\"")
                .build();
    }
}
