package io.inkwell.common.web;

import io.netty.buffer.Unpooled;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends a Content API answer the cache holds as soon as the router sees the request, without
 * RESTEasy: for a cached read, its pipeline (matching, filters, a Response and its writer) cost
 * more than the answer itself. Runs after Quarkus's security checks (Content API keys, when
 * required, are checked first) and only for requests whose answer cannot differ from the
 * resource's: a GET without a body whose target was answered from the cache before
 * ({@link ContentCache#answerAtOnce}). The validation of that target's parameters gave the same
 * result then. Everything else goes on to the resources. The answer's headers are the cache's,
 * as the resource would send them, and CORS's ({@link CorsPolicy}), as {@link CorsFilter} adds them.
 */
@ApplicationScoped
public class CachedAnswerRoute {

    private final LongAdder answered = new LongAdder();

    void install(@Observes Router router, ContentCache cache, CorsPolicy cors) {
        // After the security filters (negative orders), before RESTEasy Reactive's routes.
        router.get().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(context -> answer(context, cache, cors));
    }

    /** How many requests this route has answered since the start. */
    public long answered() {
        return answered.sum();
    }

    private void answer(RoutingContext context, ContentCache cache, CorsPolicy cors) {
        HttpServerRequest request = context.request();
        Optional<ContentCache.Answer> cached = mayHaveBody(request) ? Optional.empty() : cache.answerAtOnce(request);
        if (cached.isEmpty()) {
            context.next();
            return;
        }
        answered.increment();
        ContentCache.Answer answer = cached.get();
        HttpServerResponse response = context.response().setStatusCode(answer.status());
        for (Map.Entry<String, String> header : answer.headers()) {
            response.headers().add(header.getKey(), header.getValue());
        }
        cors.grant(context.normalizedPath(), request.getHeader("Origin")).ifPresent(grant -> grant.responseHeaders()
                .forEach((name, value) -> response.headers().add(name, value)));
        if (answer.body() == null) {
            response.end();
        } else {
            // Wrapped, not copied: a cached body is never changed once made.
            response.end(Buffer.buffer(Unpooled.wrappedBuffer(answer.body())));
        }
    }

    /** A GET with a body (or a declared one) goes to the resources, which check it. */
    private static boolean mayHaveBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !length.equals("0")) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || request.getHeader(HttpHeaders.CONTENT_TYPE) != null;
    }
}
