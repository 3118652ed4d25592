package io.inkwell.activity;

import java.time.OffsetDateTime;
import java.util.UUID;

public final class ActivityDtos {

    private ActivityDtos() {
    }

    public record ActivityView(long id, OffsetDateTime at, UUID tokenId, String tokenName, UUID authorId,
            String method, String operation, String resource, String resourceId, int status, String summary) {

        static ActivityView from(Activity activity) {
            return new ActivityView(activity.id, activity.at, activity.tokenId, activity.tokenName, activity.authorId,
                    activity.method, activity.operation, activity.resource, activity.resourceId, activity.status,
                    activity.summary);
        }
    }

    /** Filters of the log; each is optional. */
    public record ActivityFilter(UUID tokenId, UUID authorId, String resource, String resourceId,
            OffsetDateTime since, OffsetDateTime until) {
    }
}
