package io.inkwell.common.web;

import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The Content-Type says what the body is, in a way we can read. An operation that says which
 * bodies it takes ({@code @Consumes}) needs one: without it, JAX-RS would hand the body to
 * whichever method matched first. (The actions take an optional body: none with any declared
 * type, or JSON.) A multipart body needs a boundary that RFC 2046 allows, or its parts
 * cannot be found.
 */
public class ContentTypeFilter {

    /** GET and DELETE of a resource whose class declares @Consumes take no body. */
    private static final Set<String> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
    private static final Pattern BOUNDARY_PARAMETER =
            Pattern.compile("(?i);\\s*boundary\\s*=\\s*(\"([^\"]*)\"|([^;\\s]*))");
    private static final Pattern VALID_BOUNDARY = Pattern.compile("[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]");

    @ServerRequestFilter(preMatching = true, priority = 20)
    public Response requireMultipartBoundary(ContainerRequestContext request) {
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return null;
        }
        Matcher boundary = BOUNDARY_PARAMETER.matcher(type);
        String value = !boundary.find() ? null : boundary.group(2) != null ? boundary.group(2) : boundary.group(3);
        if (value != null && VALID_BOUNDARY.matcher(value).matches()) {
            return null;
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "The multipart body cannot be read: the Content-Type has "
                + (value == null ? "no boundary" : "a boundary RFC 2046 does not allow (1 to 70 characters)") + ".",
                List.of(new FieldError("Content-Type", "Needs a valid boundary parameter.")), request.getUriInfo());
    }

    @ServerRequestFilter(priority = 20)
    public Response requireContentType(ContainerRequestContext request, ResourceInfo resource) {
        if (!BODY_METHODS.contains(request.getMethod()) || resource.getResourceMethod() == null) {
            return null;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (declaresBodyTypes(resource)) {
            return type != null ? null : Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The request has no Content-Type; openapi.yaml lists the ones each operation takes.",
                    List.of(new FieldError("Content-Type", "Required.")), request.getUriInfo());
        }
        // An action's optional body (publish, rotate...): it may come with any declared type or
        // none when it is empty, but a body that is there is JSON.
        if (type != null && request.getLength() > 0 && readsOptionalBody(resource) && !isJson(type)) {
            return Problems.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "This operation's body, when there is one, is JSON.",
                    List.of(new FieldError("Content-Type", "Must be application/json.")), request.getUriInfo());
        }
        return null;
    }

    /** The actions read their optional body as bytes (RequestReader.readOptional). */
    private static boolean readsOptionalBody(ResourceInfo resource) {
        return Arrays.asList(resource.getResourceMethod().getParameterTypes()).contains(byte[].class);
    }

    private static boolean isJson(String contentType) {
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static boolean declaresBodyTypes(ResourceInfo resource) {
        return resource.getResourceMethod() != null && (resource.getResourceMethod().isAnnotationPresent(Consumes.class)
                || resource.getResourceClass().isAnnotationPresent(Consumes.class));
    }
}
