package io.inkwell.image;

import io.inkwell.auth.Permissions;
import io.inkwell.image.MediaMigrationDtos.MediaMigrationRequest;
import io.inkwell.image.MediaMigrationDtos.MediaMigrationView;
import io.quarkus.security.PermissionsAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * Admin API: copy every image's bytes to another storage (README, Images on S3). Runs while
 * the server serves, so that the switch costs one restart and no downtime for the copy.
 */
@PermissionsAllowed(Permissions.MEDIA_MIGRATE)
@Path("/api/admin/media/migrations")
@Produces(MediaType.APPLICATION_JSON)
public class MediaMigrationResource {

    private final MediaMigration migration;

    public MediaMigrationResource(MediaMigration migration) {
        this.migration = migration;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public MediaMigrationView migrate(@Valid @NotNull MediaMigrationRequest request) {
        return migration.migrate(request);
    }
}
