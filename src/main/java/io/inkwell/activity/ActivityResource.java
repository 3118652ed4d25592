package io.inkwell.activity;

import io.inkwell.activity.ActivityDtos.ActivityFilter;
import io.inkwell.activity.ActivityDtos.ActivityView;
import io.inkwell.auth.Permissions;
import io.inkwell.common.Text;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PagingParams;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Who changed what: the Admin API's writes, newest first. */
@PermissionsAllowed(Permissions.ACTIVITY)
@Path("/api/admin/activity")
@Produces(MediaType.APPLICATION_JSON)
public class ActivityResource {

    private final ActivityLog log;

    public ActivityResource(ActivityLog log) {
        this.log = log;
    }

    @GET
    public Page<ActivityView> list(@QueryParam("tokenId") String tokenId, @QueryParam("authorId") String authorId,
            @QueryParam("resource") String resource, @QueryParam("resourceId") String resourceId,
            @QueryParam("since") String since, @QueryParam("until") String until,
            @BeanParam PagingParams pagingParams) {
        List<FieldError> errors = new ArrayList<>();
        ActivityFilter filter = new ActivityFilter(uuid("tokenId", tokenId, errors), uuid("authorId", authorId, errors),
                Text.blankToNull(resource), Text.blankToNull(resourceId),
                time("since", since, errors), time("until", until, errors));
        if (!errors.isEmpty()) {
            throw new BadRequestException("The query has invalid parameters.", errors);
        }
        return log.list(filter, pagingParams.toPageRequest());
    }

    private static UUID uuid(String name, String value, List<FieldError> errors) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(name, "Must be a UUID."));
            return null;
        }
    }

    private static OffsetDateTime time(String name, String value, List<FieldError> errors) {
        try {
            return value == null || value.isBlank() ? null : OffsetDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "Must be a date-time such as 2026-12-01T09:00:00Z."));
            return null;
        }
    }
}
