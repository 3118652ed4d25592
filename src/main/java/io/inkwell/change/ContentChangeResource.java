package io.inkwell.change;

import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.HttpStatus;
import io.inkwell.common.error.Problems;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.ContentRoute;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.KeyedContent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What changed in published content since a cursor: a static build fetches only that. */
@PermitAll
@Path("/api/content/changes")
@Produces(MediaType.APPLICATION_JSON)
public class ContentChangeResource {

    private final ChangeFeed feed;
    private final ContentCache cache;
    private final Json json;

    public ContentChangeResource(ChangeFeed feed, ContentCache cache, Json json) {
        this.feed = feed;
        this.cache = cache;
        this.json = json;
    }

    /** A page below the watermark is final; only pruning (which makes old cursors 410) changes it. */
    private static final List<String> FEED = List.of(ContentKeys.CHANGES);

    @GET
    @Blocking // reads the watermark from the database before it knows the cache key
    public Uni<Response> list(@QueryParam("since") String since, @QueryParam("limit") String limit, HttpServerRequest request,
            UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        long watermark = feed.watermark();
        ChangeCursor cursor = cursor(since, uri, watermark, errors);
        int pageSize = limit(limit, errors);
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid query parameter.", errors);
        }
        // Keyed by the watermark too: below it the feed is final, so a cached page stays true.
        String key = "changes?" + (cursor == null ? "oldest" : cursor.encode()) + "&" + pageSize + "&" + watermark;
        return cache.respond(key, ContentRoute.CHANGES, request,
                () -> Optional.of(KeyedContent.json(json.write(feed.page(cursor, pageSize, watermark)), FEED)),
                () -> Problems.response(HttpStatus.NOT_FOUND, "Nothing here.", uri));
    }

    /** The cursor {@code since} names; null when it is left out (from the oldest change kept). */
    private static ChangeCursor cursor(String since, UriInfo uri, long watermark, List<FieldError> errors) {
        if (since == null || since.isEmpty()) {
            if (uri.getQueryParameters().containsKey("since")) {
                // An unset shell variable would otherwise replay the whole feed without a word.
                errors.add(new FieldError("since", "Must not be empty; leave it out to start from the beginning."));
            }
            return null;
        }
        Optional<ChangeCursor> cursor = ChangeCursor.decode(since);
        // A cursor at or past the watermark was never handed out: following it would skip changes.
        if (cursor.isEmpty() || cursor.get().xid() >= watermark) {
            errors.add(new FieldError("since", "Not a cursor from this server: use a nextCursor exactly as it was "
                    + "returned, or leave since out to start from the beginning."));
            return null;
        }
        return cursor.get();
    }

    private static int limit(String limit, List<FieldError> errors) {
        if (limit == null) {
            return ChangeFeed.DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= ChangeFeed.MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, like an out-of-range number.
        }
        errors.add(new FieldError("limit", "Must be a whole number between 1 and " + ChangeFeed.MAX_LIMIT + "."));
        return ChangeFeed.DEFAULT_LIMIT;
    }
}
