package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses oversized bodies by their declared length, before anything reads them: request
 * filters run after routing but before RESTEasy reads a body, so the matched method's
 * {@link BodyLimit} decides. The HTTP layer's own limit is set high for streamed archive
 * imports, so each kind of body gets its limit here, with a problem+json answer. An address
 * that matches no method is answered 404/405 without its body being read.
 */
public class BodyLimitFilter {

    /** Room for multipart boundaries and form fields around an image. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxJsonBytes;
    private final long maxImageBytes;
    private final long smallestLimit;

    public BodyLimitFilter(InkwellConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
        this.maxImageBytes = config.images().maxBytes();
        this.smallestLimit = Math.min(maxJsonBytes, maxImageBytes);
    }

    /** After the token check (priority 10), before the query and Content-Type checks (15, 20). */
    @ServerRequestFilter(priority = 12)
    public Response limitBody(ContainerRequestContext request, ResourceInfo resource) {
        long declared = request.getLength();
        if (declared <= smallestLimit && request.getHeaderString("Transfer-Encoding") == null) {
            return null; // within every limit (every GET): no need to look at the method
        }
        return switch (kindOf(resource)) {
            case STREAMED -> null;
            case IMAGE -> {
                MediaType type = request.getMediaType();
                boolean multipart = type != null && type.getType().equals("multipart");
                long limit = maxImageBytes + (multipart ? MULTIPART_OVERHEAD : 0);
                yield declared > limit ? tooLarge(request, "Images are limited to " + maxImageBytes + " bytes", declared)
                        : null;
            }
            case JSON -> {
                if (declared < 0 && request.getHeaderString("Transfer-Encoding") != null) {
                    // Read into memory: without a declared length it could be any size.
                    yield Problems.response(HttpStatus.LENGTH_REQUIRED, "Send JSON bodies with a Content-Length header.",
                            request.getUriInfo());
                }
                yield declared > maxJsonBytes
                        ? tooLarge(request, "JSON bodies are limited to " + maxJsonBytes + " bytes", declared) : null;
            }
        };
    }

    /** The method's kind, else its class's; JSON when neither says. */
    private static BodyLimit.Kind kindOf(ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return BodyLimit.Kind.JSON;
        }
        BodyLimit limit = method.isAnnotationPresent(BodyLimit.class) ? method.getAnnotation(BodyLimit.class)
                : resource.getResourceClass().getAnnotation(BodyLimit.class);
        return limit == null ? BodyLimit.Kind.JSON : limit.value();
    }

    private static Response tooLarge(ContainerRequestContext request, String limit, long declared) {
        return Problems.response(HttpStatus.CONTENT_TOO_LARGE, limit + "; this one declares " + declared + ".",
                request.getUriInfo());
    }
}
