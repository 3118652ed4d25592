package io.inkwell.imports;

import io.inkwell.common.ScratchSpace;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.web.CappedCopy;
import io.inkwell.common.web.QueryParams;
import io.inkwell.imports.ImportDtos.ImportReport;
import io.inkwell.auth.AdminApi;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Import of Markdown files and site archives (Hugo, Jekyll), for authors and CI pipelines. */
@AdminApi
@Path("/api/admin/import")
public class ImportResource {

    private final ImportService imports;
    private final ArchiveLimits limits;
    private final ScratchSpace scratch;

    public ImportResource(ImportService imports, InkwellConfig config, ScratchSpace scratch) {
        this.imports = imports;
        this.scratch = scratch;
        InkwellConfig.Imports settings = config.imports();
        this.limits = new ArchiveLimits(settings.maxEntries(), settings.maxEntryBytes(), settings.maxTotalBytes(),
                settings.maxCompressionRatio());
    }

    /** A zip or .tar.gz of a Hugo or Jekyll site (or just its content folder), streamed to disk. */
    @POST
    @Consumes({"application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip",
            "application/x-tar+gzip", "application/x-gtar"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importArchive(InputStream body, @jakarta.ws.rs.core.Context HttpHeaders headers,
            @QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone) {
        ImportService.Options options = options(mode, dryRun, prune, source, timezone);
        String subtype = headers.getMediaType().getSubtype();
        ArchiveFormat format = subtype.equals("zip") || subtype.equals("x-zip-compressed") ? ArchiveFormat.ZIP
                : ArchiveFormat.TAR_GZ;
        java.nio.file.Path directory = temporaryDirectory();
        try {
            ArchiveContents archive;
            try {
                archive = ArchiveReader.open(body, format, directory, limits);
            } catch (ArchiveRejectedException e) {
                throw new ApiException(422, "Unprocessable Content", "The archive was refused: " + e.getMessage());
            }
            try (archive) {
                return respond(imports.run(new ImportService.Upload(archive.layout(), archive::read, false), options));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** One Markdown file as the body; {@code filename} gives its name (and so its slug, if none is set). */
    @POST
    @Consumes({"text/markdown", "text/x-markdown"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importMarkdown(InputStream body, @QueryParam("filename") String filename,
            @QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone) {
        ImportService.Options options = options(mode, dryRun, prune, source, timezone);
        String name = safeName(filename == null || filename.isBlank() ? "post.md" : filename);
        java.nio.file.Path directory = temporaryDirectory();
        try {
            copyCapped(body, directory.resolve(name), limits.maxEntryBytes());
            return respond(imports.run(flat(directory, List.of(name)), options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Several Markdown files, with the images they reference next to them, as form parts. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importFiles(@RestForm(FileUpload.ALL) List<FileUpload> files, @QueryParam("mode") String mode,
            @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone) {
        ImportService.Options options = options(mode, dryRun, prune, source, timezone);
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("files", "Send at least one file part.");
        }
        java.nio.file.Path directory = temporaryDirectory();
        try {
            List<String> names = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long total = 0;
            for (FileUpload file : files) {
                String name = safeName(file.fileName() == null ? file.name() : file.fileName());
                total += file.size();
                if (file.size() > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                    throw tooLarge();
                }
                if (!seen.add(name)) {
                    throw new InvalidInputException("files", "Two parts are named '" + name + "'.");
                }
                Files.copy(file.uploadedFile(), directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                names.add(name);
            }
            return respond(imports.run(flat(directory, names), options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Copies at most {@code max} bytes; a larger body is refused (413), not held. */
    private void copyCapped(InputStream body, java.nio.file.Path target, long max) throws IOException {
        try (java.io.OutputStream out = Files.newOutputStream(target)) {
            CappedCopy.copy(body, out, max, copied -> tooLarge());
        }
    }

    private ApiException tooLarge() {
        return new ApiException(413, "Content Too Large", "Each file is limited to " + limits.maxEntryBytes()
                + " bytes and an upload to " + limits.maxTotalBytes() + " (INKWELL_IMPORTS_MAX_ENTRY_BYTES, _MAX_TOTAL_BYTES).");
    }

    private static Response respond(ImportReport report) {
        // A failed atomic import (or a dry run that would fail) applied nothing: 422 with the report.
        boolean refused = report.totals().failed() > 0 && !report.mode().equals("partial");
        return Response.status(refused ? 422 : 200).type(MediaType.APPLICATION_JSON).entity(report).build();
    }

    private static ImportService.Upload flat(java.nio.file.Path directory, List<String> names) {
        return new ImportService.Upload(SiteLayout.of(names), name -> Files.readAllBytes(directory.resolve(name)), true);
    }

    private static ImportService.Options options(String mode, String dryRunValue, String pruneValue, String source,
            String timezone) {
        List<FieldError> errors = new ArrayList<>();
        // Strict: "dryRun=yes" must not quietly run a real import.
        boolean dryRun = QueryParams.flag("dryRun", dryRunValue, errors);
        boolean prune = QueryParams.flag("prune", pruneValue, errors);
        ImportService.Mode parsedMode = ImportService.Mode.ATOMIC;
        if (mode != null && !mode.isBlank()) {
            try {
                parsedMode = ImportService.Mode.valueOf(mode.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("mode", "Must be atomic or partial."));
            }
        }
        ZoneId zone = ZoneId.of("UTC");
        if (timezone != null && !timezone.isBlank()) {
            try {
                zone = ZoneId.of(timezone.strip());
            } catch (DateTimeException e) {
                errors.add(new FieldError("timezone", "Must be a zone id such as UTC or Europe/Paris."));
            }
        }
        String sourceName = source == null || source.isBlank() ? null : source.strip();
        if (prune && sourceName == null) {
            errors.add(new FieldError("source", "prune=true needs the source name of the earlier imports."));
        }
        if (sourceName != null && sourceName.length() > 200) {
            errors.add(new FieldError("source", "At most 200 characters."));
        }
        if (!errors.isEmpty()) {
            throw new BadRequestException("Invalid import parameters.", errors);
        }
        return new ImportService.Options(parsedMode, dryRun, prune, sourceName, zone);
    }

    /** A form part's or query's file name, without folders, so it cannot point outside the upload. */
    private static String safeName(String name) {
        String base = name.replace('\\', '/').replaceAll(".*/", "").strip();
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            throw new InvalidInputException("filename", "A file name is required.");
        }
        return base;
    }

    private java.nio.file.Path temporaryDirectory() {
        return scratch.newFolder("import-");
    }

    private static void deleteRecursively(java.nio.file.Path directory) {
        ScratchSpace.deleteRecursively(directory);
    }
}
