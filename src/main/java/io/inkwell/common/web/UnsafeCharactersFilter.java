package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A NUL in a path or query can reach no valid resource: PostgreSQL text cannot even hold it. */
public class UnsafeCharactersFilter {

    @ServerRequestFilter(preMatching = true, priority = 5)
    public Response refuseNul(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        boolean inPath = path != null && path.toLowerCase(Locale.ROOT).contains("%00");
        boolean inQuery = query != null && query.toLowerCase(Locale.ROOT).contains("%00");
        if (!inPath && !inQuery) {
            return null;
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "The address contains a NUL character (%00).",
                List.of(new FieldError(inPath ? "path" : "query", "NUL characters are not allowed.")),
                request.getUriInfo());
    }
}
