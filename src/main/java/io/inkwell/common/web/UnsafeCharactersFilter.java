package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** A NUL in a path or query can reach no valid resource: PostgreSQL text cannot even hold it. */
public class UnsafeCharactersFilter {

    private static final String NUL = "%00";

    /**
     * Looks at the request target as sent (still percent-encoded), not at a parsed URI: this runs
     * for every request, and parsing one cost more than the rest of a cached read's filters.
     */
    @ServerRequestFilter(preMatching = true, priority = 5)
    public Response refuseNul(HttpServerRequest request, UriInfo uri) {
        String target = request.uri();
        int nul = target.indexOf(NUL);
        if (nul < 0) {
            return null;
        }
        int query = target.indexOf('?');
        boolean inPath = query < 0 || nul < query;
        return Problems.response(HttpStatus.BAD_REQUEST, "The address contains a NUL character (%00).",
                List.of(new FieldError(inPath ? "path" : "query", "NUL characters are not allowed.")), uri);
    }
}
