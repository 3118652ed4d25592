package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ProblemMapper;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses oversized bodies by their declared length, before anything reads them. The HTTP
 * layer's own limit is set high for streamed archive imports, so each kind of body gets its
 * limit here, with a problem+json answer.
 */
public class BodyLimitFilter {

    /** Room for multipart boundaries and form fields around an image. */
    private static final long MULTIPART_OVERHEAD = 64 * 1024;

    private final long maxJsonBytes;
    private final long maxImageBytes;

    public BodyLimitFilter(InkwellConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
        this.maxImageBytes = config.images().maxBytes();
    }

    @ServerRequestFilter(preMatching = true, priority = 50)
    public Response limitBody(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        long declared = request.getLength();
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (path.equals("/api/admin/images") && HttpMethod.POST.equals(request.getMethod())) {
            boolean multipart = type != null && type.getType().equals("multipart");
            long limit = maxImageBytes + (multipart ? MULTIPART_OVERHEAD : 0);
            return declared > limit ? tooLarge(request, "Images are limited to " + maxImageBytes + " bytes", declared) : null;
        }
        if (path.equals("/api/admin/import")) {
            // Archives stream to disk and Markdown files are capped while read (ImportResource).
            return null;
        }
        // Everything else takes small bodies (JSON, or the optional publish/unpublish body, which
        // is read whatever its declared type), so they all share the JSON limit.
        if (declared < 0 && request.getHeaderString("Transfer-Encoding") != null) {
            // A JSON body is read into memory: without a declared length it could be any size.
            return ProblemMapper.problem(411, "Length Required", "Send JSON bodies with a Content-Length header.",
                    List.of(), request.getUriInfo());
        }
        return declared > maxJsonBytes ? tooLarge(request, "JSON bodies are limited to " + maxJsonBytes + " bytes", declared) : null;
    }

    private static Response tooLarge(ContainerRequestContext request, String limit, long declared) {
        return ProblemMapper.problem(413, "Content Too Large", limit + "; this one declares " + declared + ".",
                List.of(), request.getUriInfo());
    }
}
