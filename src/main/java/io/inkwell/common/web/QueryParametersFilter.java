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
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        List<String> notUtf8 = notUtf8(request.getUriInfo().getRequestUri().getRawQuery());
        if (!notUtf8.isEmpty()) {
            // Alone: what the decoder made of the other bytes (U+FFFD names) would only confuse.
            return Problems.response(HttpStatus.BAD_REQUEST, "Invalid query parameter.", notUtf8.stream()
                    .map(name -> new FieldError(name, "Its percent-encoded bytes are not UTF-8.")).toList(), request.getUriInfo());
        }
        Map<String, FieldError> errors = new HashMap<>();
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
        for (String name : request.getUriInfo().getQueryParameters().keySet()) {
            if (!accepted.contains(name)) {
                errors.add(new FieldError(name, accepted.isEmpty() ? "Unknown query parameter; this operation takes none."
                        : "Unknown query parameter; this operation takes " + String.join(", ", accepted) + "."));
            }
        }
        return errors.isEmpty() ? null : Problems.response(HttpStatus.BAD_REQUEST, "Unknown query parameter.",
                errors, request.getUriInfo());
    }

    /**
     * The names of the parameters whose percent-encoded bytes are not UTF-8 (%ff, or %ed%a0%80,
     * half a surrogate pair): the decoder would hand the resource U+FFFD in their place.
     */
    static List<String> notUtf8(String rawQuery) {
        if (rawQuery == null || rawQuery.indexOf('%') < 0) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            if (!isUtf8(pair)) {
                names.add(isUtf8(rawName) ? decode(rawName) : "query");
            }
        }
        return names;
    }

    private static boolean isUtf8(String percentEncoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(percentEncoded.length());
        for (int i = 0; i < percentEncoded.length(); i++) {
            char c = percentEncoded.charAt(i);
            if (c == '%' && i + 2 < percentEncoded.length() && HexFormat.isHexDigit(percentEncoded.charAt(i + 1))
                    && HexFormat.isHexDigit(percentEncoded.charAt(i + 2))) {
                bytes.write(HexFormat.fromHexDigits(percentEncoded, i + 1, i + 3));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static String decode(String percentEncoded) {
        try {
            return URLDecoder.decode(percentEncoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return percentEncoded;
        }
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
