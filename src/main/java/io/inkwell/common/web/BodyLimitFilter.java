package io.inkwell.common.web;

import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ProblemMapper;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Refuses oversized JSON bodies by their declared length, before anything reads them. */
public class BodyLimitFilter {

    private final long maxJsonBytes;

    public BodyLimitFilter(InkwellConfig config) {
        this.maxJsonBytes = config.maxJsonBytes();
    }

    @ServerRequestFilter(preMatching = true, priority = 50)
    public Response limitJsonBody(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        if (type == null || !(type.getSubtype().equals("json") || type.getSubtype().endsWith("+json"))) {
            return null;
        }
        if (request.getLength() > maxJsonBytes) {
            return ProblemMapper.problem(413, "Content Too Large", "JSON bodies are limited to "
                    + maxJsonBytes + " bytes; this one declares " + request.getLength() + ".",
                    List.of(), request.getUriInfo());
        }
        return null;
    }
}
