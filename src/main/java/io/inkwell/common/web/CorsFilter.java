package io.inkwell.common.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Answers browsers' CORS preflights before anything else (they carry no token), and marks
 * answers an origin may read ({@link CorsPolicy}).
 */
public class CorsFilter {

    private static final String ORIGIN = "Origin";

    private final CorsPolicy policy;

    public CorsFilter(CorsPolicy policy) {
        this.policy = policy;
    }

    @ServerRequestFilter(preMatching = true, priority = 1)
    public Response preflight(ContainerRequestContext request) {
        if (!isPreflight(request)) {
            return null;
        }
        String requestedMethod = request.getHeaderString("Access-Control-Request-Method");
        Optional<CorsPolicy.Grant> grant = policy.grant(request.getUriInfo().getPath(), request.getHeaderString(ORIGIN));
        Response.ResponseBuilder answer = Response.noContent().header("Vary", "Origin");
        // A refused preflight gets no Allow-Origin header: the browser then sends nothing.
        grant.filter(g -> g.methods().contains(requestedMethod.trim())).ifPresent(g -> answer
                .header("Access-Control-Allow-Origin", g.allowOrigin())
                .header("Access-Control-Allow-Methods", g.methods())
                .header("Access-Control-Allow-Headers", CorsPolicy.ALLOWED_HEADERS)
                .header("Access-Control-Max-Age", "600"));
        return answer.build();
    }

    @ServerResponseFilter
    public void allowOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        if (isPreflight(request)) {
            return; // answered in full by preflight()
        }
        policy.grant(request.getUriInfo().getPath(), request.getHeaderString(ORIGIN))
                .ifPresent(grant -> addHeaders(response.getHeaders(), grant));
    }

    private static boolean isPreflight(ContainerRequestContext request) {
        return HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null;
    }

    static void addHeaders(MultivaluedMap<String, Object> headers, CorsPolicy.Grant grant) {
        grant.responseHeaders().forEach((name, value) -> {
            if (name.equals("Vary")) {
                headers.add(name, value);
            } else {
                headers.putSingle(name, value);
            }
        });
    }
}
