package io.inkwell.common.web;

import io.inkwell.common.error.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every JSON operation in openapi.yaml also lists {@code application/problem+json} for its
 * errors, and clients generated from it may send just that media type in {@code Accept}. Such a
 * client wants our JSON, success or error, so it is answered as if it had asked for JSON.
 */
public class ProblemAcceptFilter {

    @ServerRequestFilter(preMatching = true)
    public void acceptJsonWithProblemJson(ContainerRequestContext request) {
        List<String> accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept == null || accept.isEmpty()) {
            return;
        }
        String joined = String.join(", ", accept);
        String lower = joined.toLowerCase(Locale.ROOT);
        if (lower.contains(Problem.MEDIA_TYPE) && !lower.contains(MediaType.APPLICATION_JSON)) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, joined + ", " + MediaType.APPLICATION_JSON);
        }
    }
}
