package io.inkwell.imports;

import io.inkwell.common.error.ContentTooLargeException;
import io.inkwell.common.error.UnprocessableContentException;
import io.inkwell.common.ScratchSpace;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.InvalidInputException;
import io.inkwell.common.web.BodyLimit;
import io.inkwell.common.web.CappedCopy;
import io.inkwell.common.web.QueryParams;
import io.inkwell.common.web.StrictJson;
import io.inkwell.imports.ImportDtos.ImportReport;
import io.inkwell.auth.Permissions;
import io.quarkus.security.PermissionsAllowed;
import io.inkwell.post.PostType;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Import of Markdown files and site archives (Hugo, Jekyll), for authors and CI pipelines. */
@PermissionsAllowed(Permissions.IMPORT)
@Path("/api/admin/import")
public class ImportResource {

    /** What common file systems allow in one name, so that an export can write the file back as named. */
    static final int MAX_FILE_NAME_CHARS = 255;

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
    @BodyLimit(BodyLimit.Kind.STREAMED)
    @Consumes({"application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip",
            "application/x-tar+gzip", "application/x-gtar"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importArchive(InputStream body, @jakarta.ws.rs.core.Context HttpHeaders headers,
            @QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone,
            @QueryParam("type") String type) {
        ImportService.Options options = options(mode, dryRun, prune, source, timezone, type);
        String subtype = headers.getMediaType().getSubtype();
        ArchiveFormat format = subtype.equals("zip") || subtype.equals("x-zip-compressed") ? ArchiveFormat.ZIP
                : ArchiveFormat.TAR_GZ;
        java.nio.file.Path directory = temporaryDirectory();
        try {
            ArchiveContents archive;
            try {
                archive = ArchiveReader.open(body, format, directory, limits);
            } catch (ArchiveRejectedException e) {
                throw new UnprocessableContentException("The archive was refused: " + e.getMessage());
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
    @BodyLimit(BodyLimit.Kind.STREAMED)
    @Consumes({"text/markdown", "text/x-markdown"})
    @Produces(MediaType.APPLICATION_JSON)
    public Response importMarkdown(InputStream body, @QueryParam("filename") String filename,
            @QueryParam("mode") String mode, @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone,
            @QueryParam("type") String type) {
        String name = baseName(filename == null || filename.isBlank() ? "post.md" : filename);
        List<FieldError> nameErrors = new ArrayList<>();
        nameError(name).ifPresent(nameErrors::add);
        if (nameErrors.isEmpty() && !ContentPaths.isMarkdown(name)) {
            // Named otherwise, the one file would be read as an image and the import do nothing.
            nameErrors.add(new FieldError("filename", "The body is Markdown: the name must end in "
                    + String.join(", ", ContentPaths.MARKDOWN_EXTENSIONS) + "."));
        }
        ImportService.Options options = options(mode, dryRun, prune, source, timezone, type, nameErrors);
        if (!nameErrors.isEmpty()) {
            throw new InvalidInputException(nameErrors);
        }
        java.nio.file.Path directory = temporaryDirectory();
        try {
            java.nio.file.Path file = directory.resolve(storedName(0));
            copyCapped(body, file, limits.maxEntryBytes());
            return respond(imports.run(flat(Map.of(name, file)), options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(directory);
        }
    }

    /** Several Markdown files, with the images they reference next to them, as form parts. */
    @POST
    @BodyLimit(BodyLimit.Kind.STREAMED)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    public Response importFiles(@RestForm(FileUpload.ALL) List<FileUpload> files, @QueryParam("mode") String mode,
            @QueryParam("dryRun") String dryRun, @QueryParam("prune") String prune,
            @QueryParam("source") String source, @QueryParam("timezone") String timezone,
            @QueryParam("type") String type) {
        ImportService.Options options = options(mode, dryRun, prune, source, timezone, type);
        if (files == null || files.isEmpty()) {
            throw new InvalidInputException("files", "Send at least one file part.");
        }
        java.nio.file.Path directory = temporaryDirectory();
        try {
            Map<String, java.nio.file.Path> stored = new LinkedHashMap<>();
            long total = 0;
            for (FileUpload file : files) {
                String name = safeName(file.fileName() == null ? file.name() : file.fileName());
                total += file.size();
                if (file.size() > limits.maxEntryBytes() || total > limits.maxTotalBytes()) {
                    throw tooLarge();
                }
                if (stored.containsKey(name)) {
                    throw new InvalidInputException("files", "Two parts are named '" + name + "'.");
                }
                java.nio.file.Path target = directory.resolve(storedName(stored.size()));
                Files.copy(file.uploadedFile(), target, StandardCopyOption.REPLACE_EXISTING);
                stored.put(name, target);
            }
            return respond(imports.run(flat(stored), options));
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
        return new ContentTooLargeException("Each file is limited to " + limits.maxEntryBytes()
                + " bytes and an upload to " + limits.maxTotalBytes() + " (INKWELL_IMPORTS_MAX_ENTRY_BYTES, _MAX_TOTAL_BYTES).");
    }

    private static Response respond(ImportReport report) {
        // A failed atomic import (or a dry run that would fail) applied nothing: 422 with the report.
        boolean refused = report.totals().failed() > 0 && !report.mode().equals("partial");
        return Response.status(refused ? 422 : 200).type(MediaType.APPLICATION_JSON).entity(report).build();
    }

    /**
     * Loose files by the names the client gave them. On disk they have names of our own: a
     * client's name may be longer than the file system allows, or mean something to it.
     */
    private static ImportService.Upload flat(Map<String, java.nio.file.Path> files) {
        return new ImportService.Upload(SiteLayout.of(List.copyOf(files.keySet())),
                name -> Files.readAllBytes(files.get(name)), true);
    }

    private static String storedName(int index) {
        return "file-" + index;
    }

    private static ImportService.Options options(String mode, String dryRunValue, String pruneValue, String source,
            String timezone, String typeValue) {
        return options(mode, dryRunValue, pruneValue, source, timezone, typeValue, List.of());
    }

    /**
     * The import's options from its query parameters; when one is malformed (400), the problem
     * names {@code otherErrors} too (the query's other bad parameters, which alone would be a 422),
     * so a client fixes every one at once.
     */
    private static ImportService.Options options(String mode, String dryRunValue, String pruneValue, String source,
            String timezone, String typeValue, List<FieldError> otherErrors) {
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
        Optional<PostType> type = Optional.empty();
        if (typeValue != null) {
            try {
                type = Optional.of(PostType.valueOf(typeValue.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("type", "Must be post or page (or left out: the folder decides)."));
            }
        }
        String sourceName = source == null || source.isBlank() ? null : source.strip();
        if (prune && sourceName == null) {
            errors.add(new FieldError("source", "prune=true needs the source name of the earlier imports."));
        }
        if (sourceName != null && sourceName.codePointCount(0, sourceName.length()) > 200) {
            errors.add(new FieldError("source", "At most 200 characters."));
        }
        if (!errors.isEmpty()) {
            errors.addAll(otherErrors);
            throw new BadRequestException("Invalid import parameters.", errors);
        }
        return new ImportService.Options(parsedMode, dryRun, prune, sourceName, zone, type);
    }

    /** A form part's or query's file name, without folders: how the report and the slug know the file. */
    private static String safeName(String name) {
        String base = baseName(name);
        nameError(base).ifPresent(error -> {
            throw new InvalidInputException(List.of(error));
        });
        return base;
    }

    private static String baseName(String name) {
        return name.replace('\\', '/').replaceAll(".*/", "").strip();
    }

    private static Optional<FieldError> nameError(String base) {
        if (base.isEmpty() || base.equals(".") || base.equals("..")) {
            return Optional.of(new FieldError("filename", "A file name is required."));
        }
        if (base.indexOf('\0') >= 0) {
            return Optional.of(new FieldError("filename", StrictJson.NUL_MESSAGE));
        }
        if (base.length() > MAX_FILE_NAME_CHARS) {
            return Optional.of(new FieldError("filename", "At most " + MAX_FILE_NAME_CHARS + " characters."));
        }
        return Optional.empty();
    }

    private java.nio.file.Path temporaryDirectory() {
        return scratch.newFolder("import-");
    }

    private static void deleteRecursively(java.nio.file.Path directory) {
        ScratchSpace.deleteRecursively(directory);
    }
}
