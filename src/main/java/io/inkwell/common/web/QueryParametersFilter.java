package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.ProblemMapper;
import io.inkwell.common.paging.PageRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What a resource cannot see in its query parameters: every parameter of the API takes one
 * value, so {@code ?page=1&page=2} is refused naming {@code page} rather than one of the two
 * quietly winning; and an empty {@code page=} or {@code limit=}, which resources receive as
 * absent, is refused rather than read as the default.
 */
public class QueryParametersFilter {

    @ServerRequestFilter(preMatching = true, priority = 15)
    public Response refuseRepeatedOrEmpty(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        Map<String, FieldError> errors = new TreeMap<>();
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                errors.put(name, new FieldError(name, "Given more than once; it takes one value."));
            }
        });
        for (String name : PageRequest.PARAMETERS) {
            if (!errors.containsKey(name) && query.containsKey(name) && query.getFirst(name).isEmpty()) {
                errors.put(name, new FieldError(name, "Must not be empty; leave it out for the default."));
            }
        }
        return errors.isEmpty() ? null : ProblemMapper.problem(400, "Bad Request", "Invalid query parameter.",
                new ArrayList<>(errors.values()), request.getUriInfo());
    }
}
