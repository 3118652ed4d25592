package io.inkwell.common.error;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * The one factory of problem+json answers, for code that answers instead of throwing (request
 * filters, a cache's "absent" branch). Code that can throw throws an {@link ApiException}
 * subclass instead, which {@link ProblemMapper} turns into the same answer.
 */
public final class Problems {

    private Problems() {
    }

    public static Response response(HttpStatus status, String detail, UriInfo uri) {
        return response(status, detail, List.of(), uri);
    }

    public static Response response(HttpStatus status, String detail, List<FieldError> errors, UriInfo uri) {
        return response(status.code(), status.title(), detail, errors, uri);
    }

    /** The body alone, for answers written below JAX-RS (the Vert.x router). */
    public static Problem body(HttpStatus status, String detail, List<FieldError> errors, String instance) {
        return new Problem("about:blank", status.title(), status.code(), detail, instance, errors);
    }

    /** For statuses that come from elsewhere as numbers (a WebApplicationException's response). */
    static Response response(int status, String title, String detail, List<FieldError> errors, UriInfo uri) {
        String instance = uri == null ? null : uri.getRequestUri().getRawPath();
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail, instance, errors))
                .build();
    }
}
