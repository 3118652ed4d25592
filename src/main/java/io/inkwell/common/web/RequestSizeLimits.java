package io.inkwell.common.web;

import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problem;
import io.inkwell.common.error.Problems;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;

/**
 * The request line and header limits, answered with problem+json (414, 431) like every other
 * error. Vert.x would answer them itself, without a body, from inside its HTTP decoder, and
 * Quarkus offers no hook there; so the decoder's limits are set higher
 * ({@code quarkus.http.limits.*} in application.properties) and these, the real ones, are
 * checked first thing on every route. Past the decoder's limits Vert.x still answers alone.
 */
@ApplicationScoped
public class RequestSizeLimits {

    /** Method, target and version, as in Quarkus's default {@code max-initial-line-length}. */
    public static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** All header lines together, as in Quarkus's default {@code max-header-size}. */
    public static final int MAX_HEADER_BYTES = 20 * 1024;

    void install(@Observes Router router, Json json) {
        // Before Quarkus's own handlers (body, access log...): nothing of such a request is read.
        router.route().order(Integer.MIN_VALUE).handler(context -> check(context, json));
    }

    private static void check(RoutingContext context, Json json) {
        HttpServerRequest request = context.request();
        if (requestLineBytes(request) > MAX_REQUEST_LINE_BYTES) {
            refuse(context, json, Problems.body(HttpStatus.URI_TOO_LONG, "The request line is limited to "
                    + MAX_REQUEST_LINE_BYTES + " bytes; send long values in a body instead.", List.of(), null));
        } else if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(context, json, Problems.body(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    "The request headers are limited to " + MAX_HEADER_BYTES + " bytes together.", List.of(), request.path()));
        } else {
            context.next();
        }
    }

    private static int requestLineBytes(HttpServerRequest request) {
        // "GET /path?query HTTP/1.1": what the HTTP decoder counts.
        return request.method().name().length() + 1 + request.uri().length() + 9;
    }

    private static long headerBytes(HttpServerRequest request) {
        long bytes = 0;
        for (Map.Entry<String, String> header : request.headers()) {
            bytes += header.getKey().length() + 2 + header.getValue().length();
        }
        return bytes;
    }

    private static void refuse(RoutingContext context, Json json, Problem problem) {
        HttpServerRequest request = context.request();
        boolean http1 = request.version() != HttpVersion.HTTP_2;
        if (http1) {
            context.response().putHeader(HttpHeaders.CONNECTION, "close");
        }
        context.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(json.write(problem))
                .onComplete(sent -> {
                    if (http1) {
                        // Any body is left unread, so the connection cannot carry another request.
                        request.connection().close();
                    }
                });
    }
}
