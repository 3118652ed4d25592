package io.inkwell.activity;

import io.inkwell.auth.Actor;
import io.inkwell.auth.CurrentActor;
import io.inkwell.common.db.BackgroundWork;
import io.inkwell.common.web.Routes;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Writes an activity entry for every Admin API write a token made, whatever its outcome: the
 * entry is on disk before the answer leaves (a crash in between loses the entry, never the
 * write). Requests refused before a token was recognised (401, 429) are not writes and are not
 * logged.
 */
public class ActivityRecorder {

    private static final Logger LOG = Logger.getLogger(ActivityRecorder.class);
    private static final Set<String> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final Pattern ID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Numbered path segments (a post's revision), which an address pattern must not keep. */
    private static final Pattern NUMBER = Pattern.compile("/\\d+(?=/|$)");

    private final ActivityLog log;
    private final CurrentActor current;
    private final Executor executor;

    public ActivityRecorder(ActivityLog log, CurrentActor current, ManagedExecutor executor) {
        this.log = log;
        this.current = current;
        this.executor = executor;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response) {
        // Every answer passes here, reads too: the cheap tests first.
        if (!WRITES.contains(request.getMethod())) {
            return;
        }
        String path = request.getUriInfo().getPath();
        // The path first: elsewhere (a write sent to the Content API or to no route at all) nothing
        // may have authenticated the request, and asking who it is would block the I/O thread.
        if (!Routes.isAdmin(path)) {
            return;
        }
        Actor actor = current.get();
        if (actor.tokenId() == null) {
            return;
        }
        Activity activity = describe(request.getMethod(), path, response, actor);
        if (BlockingOperationControl.isBlockingAllowed()) {
            write(activity);
        } else {
            // Refused before reaching a worker thread (403 of a role check): written off the I/O thread.
            executor.execute(() -> BackgroundWork.run(() -> write(activity)));
        }
    }

    private void write(Activity activity) {
        try {
            log.record(activity);
        } catch (RuntimeException e) {
            // The write itself is done (or refused); a lost log line must not turn it into an error.
            LOG.warnf("Could not record activity %s %s (%d): %s", activity.method, activity.operation, activity.status, e.toString());
        }
    }

    static Activity describe(String method, String path, ContainerResponseContext response, Actor actor) {
        String[] segments = path.substring(Routes.ADMIN.length()).split("/");
        Activity activity = new Activity();
        activity.tokenId = actor.tokenId();
        activity.tokenName = actor.tokenName();
        activity.authorId = actor.authorId();
        activity.method = method;
        activity.operation = NUMBER.matcher(ID.matcher(path).replaceAll("{id}")).replaceAll("/{n}");
        activity.resource = segments.length > 1 ? segments[1] : "";
        activity.resourceId = segments.length > 2 && ID.matcher(segments[2]).matches() ? segments[2] : createdId(response);
        activity.status = response.getStatus();
        activity.summary = response.getEntity() instanceof ActivitySummary summary ? summary.activitySummary() : null;
        return activity;
    }

    private static String createdId(ContainerResponseContext response) {
        URI location = response.getLocation();
        if (location == null) {
            return null;
        }
        String[] segments = location.getPath().split("/");
        return segments.length == 0 ? null : segments[segments.length - 1];
    }
}
