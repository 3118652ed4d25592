package io.inkwell.common.error;

import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Optional;

/**
 * The statuses our problems answer with, titled as RFC 9110 names them ("Content Too Large",
 * "Unprocessable Content"), which JAX-RS's {@link Response.Status} does not always do and which
 * it lacks 422 for. A problem's status and title both come from here, never from a literal.
 */
public enum HttpStatus implements Response.StatusType {
    BAD_REQUEST(400, "Bad Request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not Found"),
    CONFLICT(409, "Conflict"),
    GONE(410, "Gone"),
    LENGTH_REQUIRED(411, "Length Required"),
    PRECONDITION_FAILED(412, "Precondition Failed"),
    CONTENT_TOO_LARGE(413, "Content Too Large"),
    URI_TOO_LONG(414, "URI Too Long"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported Media Type"),
    UNPROCESSABLE_CONTENT(422, "Unprocessable Content"),
    TOO_MANY_REQUESTS(429, "Too Many Requests"),
    REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
    INTERNAL_SERVER_ERROR(500, "Internal Server Error"),
    SERVICE_UNAVAILABLE(503, "Service Unavailable");

    private final int code;
    private final String title;

    HttpStatus(int code, String title) {
        this.code = code;
        this.title = title;
    }

    /** Ours for this code, if we name it; titles of other codes come from JAX-RS. */
    public static Optional<HttpStatus> find(int code) {
        return Arrays.stream(values()).filter(status -> status.code == code).findFirst();
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    @Override
    public int getStatusCode() {
        return code;
    }

    @Override
    public Response.Status.Family getFamily() {
        return Response.Status.Family.familyOf(code);
    }

    @Override
    public String getReasonPhrase() {
        return title;
    }
}
