package io.inkwell.common.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.inkwell.common.db.DatabaseOutage;
import io.inkwell.common.web.StrictJson;
import io.inkwell.common.web.VersionPrecondition;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hibernate.StaleObjectStateException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/** The one place where failures become RFC 9457 problem+json responses. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);
    private static final String UNREADABLE_PART = "The multipart body could not be read: a part's headers are "
            + "malformed (each part needs Content-Disposition: form-data; name=\"...\", and a charset Java knows).";
    private static final String UNREADABLE_BODY =
            "The request body could not be read: it ends early or is malformed (a multipart body must end with its closing boundary).";

    /** An identity without the role an endpoint declares (or an endpoint that declares none). */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return Problems.response(HttpStatus.FORBIDDEN, "This token's role may not do this.", uri);
    }

    @ServerExceptionMapper
    public Response apiException(ApiException e, UriInfo uri) {
        Response problem = Problems.response(e.httpStatus(), e.getMessage(), e.errors(), uri);
        // Every 503 says when to come back (here: all write slots stayed taken).
        return e.httpStatus() == HttpStatus.SERVICE_UNAVAILABLE
                ? withRetryAfter(problem, DatabaseOutage.RETRY_AFTER_SECONDS)
                : problem;
    }

    @ServerExceptionMapper(priority = 1)
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldName(v), v.getMessage()))
                .toList();
        return Problems.response(HttpStatus.UNPROCESSABLE_CONTENT, "The request has invalid fields.", errors, uri);
    }

    // Jackson's exception types are listed one by one: the most specific mapper wins, and
    // quarkus-rest-jackson ships its own (plain JSON) mappers for some of them.
    @ServerExceptionMapper(priority = 1)
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return Problems.response(HttpStatus.BAD_REQUEST, "The request body is not valid JSON for this operation.",
                List.of(jsonError(e)), uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response invalidJsonValue(InvalidFormatException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unknownJsonField(UnrecognizedPropertyException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    /**
     * Our code wraps its own file and storage failures in {@code UncheckedIOException}; an
     * {@code IOException} that gets here came from reading the request body, e.g. a multipart
     * body that ends before its closing boundary.
     */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e, UriInfo uri) {
        if (DatabaseOutage.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        LOG.infof("Unreadable request body: %s", e.toString());
        return Problems.response(HttpStatus.BAD_REQUEST, UNREADABLE_BODY, List.of(new FieldError("body", "Cannot be read.")),
                uri);
    }

    @ServerExceptionMapper
    public Response malformedMultipart(MultipartParser.MalformedMessageException e, UriInfo uri) {
        return unreadableBody(new IOException("malformed multipart body", e), uri);
    }

    @ServerExceptionMapper
    public Response staleWrite(OptimisticLockException e, UriInfo uri, HttpHeaders headers) {
        return staleWriteProblem(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response staleWrite(StaleStateException e, UriInfo uri, HttpHeaders headers) {
        return staleWriteProblem(e, uri, headers);
    }

    @ServerExceptionMapper
    public Response uniqueViolation(org.hibernate.exception.ConstraintViolationException e, UriInfo uri,
            HttpHeaders headers) {
        if (!"23505".equals(e.getSQLState())) {
            return unexpected(e, uri, headers);
        }
        // Every unique value is checked before it is written (a slug taken is a 409 naming it): this
        // one was taken by a write at the same moment. Sent again, the request sees that write and
        // gets its answer (a slug of its own, or the 409); the constraint's name is not the client's.
        LOG.infof("A write lost a race for a unique value, answered 503: %s", e.getConstraintName());
        return collided(uri);
    }

    @ServerExceptionMapper
    public Response webApplicationException(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            // quarkus-rest-jackson wraps JSON syntax errors; the client still deserves the location.
            return unreadableJson(unreadable, uri);
        }
        int status = e.getResponse().getStatus();
        Response.StatusType type = HttpStatus.find(status).map(Response.StatusType.class::cast)
                .orElseGet(() -> Response.Status.fromStatusCode(status));
        String title = type != null ? type.getReasonPhrase() : status >= 500 ? "Error" : "Client Error";
        if (status >= 500) {
            LOG.error("Request failed", e);
            return Problems.response(status, title, "The server could not complete the request.", List.of(), uri);
        }
        return Problems.response(status, title, detailFor(status, e), List.of(), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (DatabaseOutage.causedBy(e)) {
            return databaseUnavailable(e, uri);
        }
        if (foundStaleAtCommit(e)) {
            // A row this write read was changed or deleted by another before the commit (a post
            // unpublished while a tag's rename rewrote its live copy): as a stale write found earlier.
            LOG.infof("A write found a row changed meanwhile at commit, rolled back: %s", rootMessage(e));
            return staleWriteProblem(e, uri, headers);
        }
        Optional<SQLException> collision = collision(e);
        if (collision.isPresent()) {
            // The database's own words (constraint, table): a failed commit hides them among the suppressed.
            LOG.warnf("A write collided with another and was rolled back, answered 503: %s %s",
                    collision.get().getSQLState(), collision.get().getMessage());
            return collided(uri);
        }
        if (thrownByFormParser(e)) {
            LOG.infof("Unreadable multipart body: %s", e.toString());
            return Problems.response(HttpStatus.BAD_REQUEST, UNREADABLE_PART, List.of(new FieldError("body",
                    "A part's headers cannot be read.")), uri);
        }
        LOG.error("Unexpected failure", e);
        return Problems.response(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not complete the request. It has been logged.", uri);
    }

    private Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unreachable, answered 503: %s", rootMessage(e));
        return withRetryAfter(Problems.response(HttpStatus.SERVICE_UNAVAILABLE,
                "The database cannot be reached right now. Retry in a few seconds.", uri), DatabaseOutage.RETRY_AFTER_SECONDS);
    }

    /** A 503 says when to come back (RFC 9110, 10.2.3). */
    private static Response withRetryAfter(Response problem, int seconds) {
        return Response.fromResponse(problem).header("Retry-After", seconds).build();
    }

    /**
     * What PostgreSQL said when it ended the transaction because it collided with another
     * ({@link #COLLISIONS}): nothing was written, and the same request sent again normally succeeds.
     */
    private static Optional<SQLException> collision(Throwable e) {
        return causes(e).filter(cause -> cause instanceof SQLException sql && COLLISIONS.contains(sql.getSQLState()))
                .map(SQLException.class::cast).findFirst();
    }

    /**
     * The exception, its causes, and what they suppressed: a failed commit reports the database's
     * error as suppressed by the RollbackException (a deferred foreign key checked at commit).
     */
    private static Stream<Throwable> causes(Throwable e) {
        List<Throwable> found = new ArrayList<>();
        Deque<Throwable> next = new ArrayDeque<>(List.of(e));
        while (!next.isEmpty() && found.size() < 50) {
            Throwable cause = next.pop();
            if (found.stream().noneMatch(seen -> seen == cause)) {
                found.add(cause);
                List.of(cause.getSuppressed()).forEach(next::add);
                if (cause.getCause() != null) {
                    next.add(cause.getCause());
                }
            }
        }
        return found.stream();
    }

    /**
     * Deadlock (40P01), serialization failure (40001), a foreign key that a concurrent delete
     * took away (23503: a post naming a tag or image deleted at the same moment; every reference a
     * request gives is checked before it is written, so only a race leaves one dangling), and a
     * unique value another write took at the same moment, found at commit (23505; one found at a
     * flush is {@link #uniqueViolation}).
     */
    private static final Set<String> COLLISIONS = Set.of("40P01", "40001", "23503", "23505");

    /** Whether the commit (or a flush before it) found a row it read changed or gone. */
    private static boolean foundStaleAtCommit(Throwable e) {
        return causes(e).anyMatch(cause -> cause instanceof StaleStateException || cause instanceof OptimisticLockException);
    }

    /**
     * RESTEasy's multipart parser reads the body before any resource runs, and fails on some
     * malformed part headers with an unchecked exception of its own ({@code Content-Disposition:
     * form-data; name=} with no value: {@code StringIndexOutOfBoundsException}). Its input is
     * only the client's bytes, so such a failure is the client's: a 400, not a 500.
     */
    static boolean thrownByFormParser(Throwable e) {
        if (!(e instanceof RuntimeException)) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException || cause instanceof java.io.UncheckedIOException) {
                // Writing a part to the server's disk failed (no space, no upload folder): ours.
                return false;
            }
        }
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith(MultipartParser.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Nothing was written; the same request sent again normally succeeds. */
    private static Response collided(UriInfo uri) {
        return withRetryAfter(Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "The change collided with another "
                + "one made at the same moment and was not made. Send it again.", uri), 1);
    }

    /**
     * Another request changed what this one changes, between its read and its write: a 412
     * when the client's If-Match named versions of the resource that changed, else a collision
     * like a deadlock (RFC 9110 gives 412 only for a precondition the request carries and fails).
     */
    private Response staleWriteProblem(Throwable e, UriInfo uri, HttpHeaders headers) {
        if (!VersionPrecondition.ifMatch(headers.getHeaderString(HttpHeaders.IF_MATCH)).names()
                || !aboutThisResource(e, uri)) {
            return collided(uri);
        }
        return Problems.response(HttpStatus.PRECONDITION_FAILED,
                "The resource was changed by someone else meanwhile. Fetch it again and retry.", uri);
    }

    /**
     * Whether the row found changed is the one the request is about (its id is in the path), not
     * another the write touched on the way (a post that a tag's deletion takes the tag off): only
     * then did the client's If-Match fail. Unknown rows count as the resource.
     */
    private static boolean aboutThisResource(Throwable e, UriInfo uri) {
        return causes(e).filter(cause -> cause instanceof StaleObjectStateException stale && stale.getIdentifier() != null)
                .findFirst().map(cause -> ((StaleObjectStateException) cause).getIdentifier().toString())
                .map(id -> uri.getPathSegments().stream().anyMatch(segment -> segment.getPath().equals(id)))
                .orElse(true);
    }


    private static String detailFor(int status, WebApplicationException e) {
        return switch (status) {
            case 404 -> "No resource at this address.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The server cannot produce the requested media type.";
            case 413 -> "The request body is too large.";
            case 415 -> "This Content-Type is not accepted here; openapi.yaml lists the ones each operation takes.";
            default -> e.getMessage() == null ? "The request could not be processed." : e.getMessage();
        };
    }

    private static String fieldName(ConstraintViolation<?> violation) {
        // "create.request.title" -> "title": the method and parameter are not the client's words.
        String path = FieldError.path(violation);
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }

    public static FieldError jsonError(JsonProcessingException e) {
        if (e instanceof JsonMappingException && e.getCause() instanceof JsonParseException unreadable) {
            // A syntax error inside a nested value, wrapped on its way out: the parser knows best.
            return jsonError(unreadable);
        }
        if (e instanceof JsonMappingException mapping && e.getCause() instanceof InputCoercionException range
                && !mapping.getPath().isEmpty()) {
            return outOfRange(path(mapping), range);
        }
        if (e instanceof InputCoercionException range && range.getProcessor() != null) {
            // A whole number too large for its field, refused by the parser before any field saw it.
            return outOfRange(path(range.getProcessor().getParsingContext()), range);
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return new FieldError(path(unknown), "Unknown field.");
        }
        if (e instanceof StrictJson.Refused refused) {
            return new FieldError(path(refused), refused.getOriginalMessage());
        }
        if (e instanceof StrictJson.NotUtf8 notUtf8) {
            return new FieldError("body", notUtf8.getOriginalMessage());
        }
        if (e instanceof JsonParseException parse && StrictJson.duplicateKey(parse).isPresent()) {
            return new FieldError(StrictJson.duplicateKey(parse).get(), StrictJson.DUPLICATE_MESSAGE);
        }
        if (e instanceof InvalidFormatException invalid) {
            return new FieldError(path(invalid), "Cannot read " + quote(invalid.getValue())
                    + " as " + describe(invalid.getTargetType()) + ".");
        }
        if (e instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return new FieldError(path(mismatched), "Expected " + describe(mismatched.getTargetType()) + ".");
        }
        String location = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return new FieldError("body", "Malformed JSON: more data after the JSON value" + location + ".");
        }
        return new FieldError("body", "Malformed JSON" + location + ".");
    }

    private static FieldError outOfRange(String field, InputCoercionException range) {
        // "Numeric value (2147483648) out of range of int (-2147483648 - 2147483647)"
        return new FieldError(field, range.getOriginalMessage() + ".");
    }

    /** Where the parser is, as a field path ({@code a.b[2]}). */
    private static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray()) {
                parts.addFirst("[" + at.getCurrentIndex() + "]");
            } else if (at.getCurrentName() != null) {
                parts.addFirst(at.getCurrentName());
            }
        }
        String path = String.join(".", parts).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }

    private static String path(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.replace(".[", "[").isEmpty() ? "body" : path.replace(".[", "[");
    }

    private static String quote(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }

    /** An enum constant as JSON spells it (its {@code @JsonValue}, as Role and PostStatus have). */
    private static String wireName(Object constant) {
        for (java.lang.reflect.Method method : ((Enum<?>) constant).getDeclaringClass().getMethods()) {
            if (method.isAnnotationPresent(com.fasterxml.jackson.annotation.JsonValue.class) && method.getParameterCount() == 0) {
                try {
                    return String.valueOf(method.invoke(constant));
                } catch (ReflectiveOperationException e) {
                    break;
                }
            }
        }
        return constant.toString();
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different type";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(ProblemMapper::wireName).collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || type == int.class || type == long.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type == java.time.OffsetDateTime.class || type == java.time.Instant.class) {
            return "an RFC 3339 date-time";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
