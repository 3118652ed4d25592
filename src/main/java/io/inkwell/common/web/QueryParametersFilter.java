package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * What a resource cannot see in its query parameters: every parameter of the API takes one
 * value, so {@code ?page=1&page=2} is refused naming {@code page} rather than one of the two
 * quietly winning; an empty one ({@code page=}, {@code tag=}), which resources receive as
 * absent, is refused rather than read as the default (no parameter of the API means anything
 * when empty); and a parameter the operation does not
 * take ({@code ?tags=python} for {@code ?tag=}) is refused rather than ignored, which would
 * answer a different question than the one asked.
 */
public class QueryParametersFilter {

    private static final ConcurrentMap<Method, Set<String>> ACCEPTED = new ConcurrentHashMap<>();

    @ServerRequestFilter(preMatching = true, priority = 15)
    public Response refuseRepeatedOrEmpty(ContainerRequestContext request) {
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        if (query.isEmpty()) {
            return null;
        }
        Map<String, FieldError> errors = new TreeMap<>();
        query.forEach((name, values) -> {
            if (values.size() > 1) {
                errors.put(name, new FieldError(name, "Given more than once; it takes one value."));
            }
        });
        query.forEach((name, values) -> {
            if (!errors.containsKey(name) && values.get(0).isEmpty()) {
                errors.put(name, new FieldError(name, "Must not be empty; leave it out for the default."));
            }
        });
        return errors.isEmpty() ? null : Problems.response(HttpStatus.BAD_REQUEST, "Invalid query parameter.",
                new ArrayList<>(errors.values()), request.getUriInfo());
    }

    @ServerRequestFilter(priority = 15)
    public Response refuseUnknown(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || request.getUriInfo().getQueryParameters().isEmpty()) {
            return null;
        }
        Set<String> accepted = ACCEPTED.computeIfAbsent(method, QueryParametersFilter::queryParametersOf);
        List<FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(request.getUriInfo().getQueryParameters().keySet())) {
            if (!accepted.contains(name)) {
                errors.add(new FieldError(name, accepted.isEmpty() ? "Unknown query parameter; this operation takes none."
                        : "Unknown query parameter; this operation takes " + String.join(", ", accepted) + "."));
            }
        }
        return errors.isEmpty() ? null : Problems.response(HttpStatus.BAD_REQUEST, "Unknown query parameter.",
                errors, request.getUriInfo());
    }

    /** The names of the method's query parameters (also those of its @BeanParam classes), in a stable order. */
    private static Set<String> queryParametersOf(Method method) {
        Set<String> names = new TreeSet<>();
        Annotation[][] parameters = method.getParameterAnnotations();
        for (int i = 0; i < parameters.length; i++) {
            for (Annotation annotation : parameters[i]) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                } else if (annotation instanceof BeanParam) {
                    for (Class<?> type = method.getParameterTypes()[i]; type != null; type = type.getSuperclass()) {
                        for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                            QueryParam query = field.getAnnotation(QueryParam.class);
                            if (query != null) {
                                names.add(query.value());
                            }
                        }
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableSet(names);
    }
}
