package io.inkwell.imports;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.inkwell.auth.AdminApi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.LocalDate;

@AdminApi
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
        // A large site takes a while to stream; the default transaction timeout would cut it off.
        StreamingOutput zip = out -> QuarkusTransaction.requiringNew().timeout(3600).run(() -> exports.write(out));
        return Response.ok(zip, "application/zip")
                .header("Content-Disposition", "attachment; filename=\"inkwell-export-" + LocalDate.now() + ".zip\"")
                .build();
    }
}
