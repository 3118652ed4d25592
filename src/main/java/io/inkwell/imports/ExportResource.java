package io.inkwell.imports;

import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;

@PermissionsAllowed(Permissions.EXPORT)
@Path("/api/admin/export")
public class ExportResource {

    private final ExportService exports;

    public ExportResource(ExportService exports) {
        this.exports = exports;
    }

    /** Everything, drafts included, as a zip of Hugo page bundles, written while it is sent. */
    @GET
    @Produces("application/zip")
    public Response export() {
        // Runs after this method returns, on a worker thread, in ExportService's transaction.
        StreamingOutput zip = exports::write;
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"inkwell-export-" + LocalDate.now() + ".zip\"")
                .build();
    }
}
