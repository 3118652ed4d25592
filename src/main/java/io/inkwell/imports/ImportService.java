package io.inkwell.imports;

import io.inkwell.webhook.WebhookOutbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.inkwell.author.Author;
import io.inkwell.common.TransactionCache;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.slug.NamedImport;
import io.inkwell.post.PostDtos;
import io.inkwell.common.slug.Slugs;
import io.inkwell.common.web.Json;
import io.inkwell.common.web.StrictJson;
import io.inkwell.image.Image;
import io.inkwell.image.ImageDtos.ImageView;
import io.inkwell.image.ImageService;
import io.inkwell.imports.ImportDtos.Action;
import io.inkwell.imports.ImportDtos.FileReport;
import io.inkwell.imports.ImportDtos.ImportReport;
import io.inkwell.imports.ImportDtos.Message;
import io.inkwell.imports.ImportDtos.PrunedPost;
import io.inkwell.imports.ImportDtos.Totals;
import io.inkwell.post.PostContent;
import io.inkwell.post.PostDtos.FeatureImage;
import io.inkwell.post.PostImport;
import io.inkwell.post.PostImportService;
import io.inkwell.post.PostType;
import io.inkwell.term.Term;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.TermService;
import io.inkwell.term.TermDtos.UpdateTermRequest;
import io.inkwell.author.AuthorService;
import io.inkwell.author.AuthorDtos.UpdateAuthorRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.hibernate.Session;
import org.hibernate.engine.spi.EntityKey;
import org.jboss.logging.Logger;

/**
 * Imports Hugo and Jekyll content: parse and map every file first, then apply them all in one
 * transaction (atomic, the default) or each in its own (partial). A dry run, and an atomic run
 * with a failed file, apply everything and roll back, so the report is the same as a real run.
 */
@ApplicationScoped
public class ImportService {

    private final WebhookOutbox outbox;

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    /** Files whose writes go to the database together: fewer round trips, bounded memory. */
    private static final int WRITE_BATCH_FILES = 50;
    /** What the files of an import share, so it stays loaded between batches. */
    private static final Set<Class<?>> KEPT_LOADED = Set.of(Author.class, Term.class, Image.class);

    public enum Mode {
        ATOMIC, PARTIAL
    }

    /** {@code type}, when given, says what every imported file is (post or page), whatever its folder. */
    public record Options(Mode mode, boolean dryRun, boolean prune, String source, ZoneId zone, Optional<PostType> type) {
    }

    /**
     * The files of one upload. {@code flat}: loose files (single or multipart), where every
     * Markdown file is a post; otherwise a site whose folders say what is a post or a page.
     */
    public record Upload(SiteLayout layout, FileReader files, boolean flat) {
    }

    /** Reads an uploaded file by its archive path. */
    @FunctionalInterface
    public interface FileReader {
        byte[] read(String archivePath) throws IOException;
    }

    private final PostImportService posts;
    private final ImageService images;
    private final PostSourceRepository sources;
    private final Json json;
    private final EntityManager entityManager;
    private final TransactionCache cache;

    private final TermService terms;
    private final AuthorService authors;
    private final Validator validator;

    public ImportService(PostImportService posts, ImageService images, PostSourceRepository sources, Json json,
            EntityManager entityManager, TransactionCache cache, WebhookOutbox outbox, TermService terms,
            AuthorService authors, Validator validator) {
        this.terms = terms;
        this.authors = authors;
        this.validator = validator;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.cache = cache;
        this.posts = posts;
        this.images = images;
        this.sources = sources;
        this.json = json;
    }

    public ImportReport run(Upload upload, Options options) {
        long started = System.nanoTime();
        List<Entry> entries = plan(upload, options);
        long planned = System.nanoTime();
        List<PrunedPost> pruned = new ArrayList<>();
        if (options.mode() == Mode.ATOMIC || options.dryRun()) {
            applyTogether(entries, upload, options, pruned);
        } else {
            try {
                applyTaxonomiesAlone(entries, upload);
            } catch (RuntimeException e) {
                taxonomiesFailed(entries, "Could not be saved: " + describe(e));
            }
            for (Entry entry : entries) {
                if (entry.planned()) {
                    try {
                        applyAlone(entry, upload, options);
                    } catch (RuntimeException e) {
                        entry.fail(null, "Could not be saved: " + describe(e));
                    }
                }
            }
            if (options.prune()) {
                pruned.addAll(pruneAlone(entries, upload, options));
            }
        }
        imageDescriptionsApplied(entries);
        ImportReport report = report(entries, pruned, options);
        if (report.applied()) {
            // After the import's own transactions: an import applies file by file in some modes.
            Map<String, Object> data = new java.util.LinkedHashMap<>();
            data.put("source", report.source());
            data.put("mode", report.mode());
            data.put("totals", report.totals());
            QuarkusTransaction.requiringNew().run(() -> outbox.record("import.completed", data));
        }
        LOG.infof("Import of %d files (%s%s): read and rendered in %d ms, applied in %d ms; %s",
                entries.size(), report.mode(), options.dryRun() ? ", dry run" : "", (planned - started) / 1_000_000,
                (System.nanoTime() - planned) / 1_000_000, report.totals());
        return report;
    }

    /**
     * Atomic mode and dry runs: every file in one transaction, which is rolled back when a file
     * failed or nothing is to be kept, so the report is the same as a real run's. Pending writes
     * go out every {@link #WRITE_BATCH_FILES} files, in one JDBC batch per table.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    // One transaction for a whole site: not the default minute, after which it would be rolled back.
    @TransactionConfiguration(timeout = 3600)
    void applyTogether(List<Entry> entries, Upload upload, Options options, List<PrunedPost> pruned) {
        applyTaxonomies(entries, upload);
        int pending = 0;
        for (Entry entry : entries) {
            if (entry.planned()) {
                apply(entry, upload, options);
                if (entry.action == Action.FAILED) {
                    pending = 0; // the failure cleared the session
                } else if (entry.postId != null && ++pending == WRITE_BATCH_FILES) {
                    flushWrites();
                    pending = 0;
                }
            }
        }
        flushWrites();
        boolean failed = entries.stream().anyMatch(entry -> entry.action == Action.FAILED);
        if (options.prune() && !failed) {
            pruned.addAll(prune(entries, upload, options));
            entityManager.flush();
        }
        if (options.dryRun() || failed) {
            QuarkusTransaction.setRollbackOnly();
        }
    }

    /**
     * An export's tags, categories and authors ({@link TaxonomyFile}), before the posts that
     * name them: created with their slugs, or given the file's names and descriptions, in any
     * order: only the outcome must be one the Admin API allows, no name borne by two. One that
     * it would refuse fails the file, naming every such name, and so an atomic import.
     */
    private void applyTaxonomies(List<Entry> entries, Upload upload) {
        Entry file = dataFile(entries, TaxonomyFile.PATH).orElse(null);
        if (file == null || file.action == Action.FAILED) {
            return; // none, or it failed when planned
        }
        TaxonomyFile.Contents contents = readTaxonomies(upload);
        List<String> problems = new ArrayList<>();
        boolean changed = false;
        for (Taxonomy taxonomy : List.of(Taxonomy.TAG, Taxonomy.CATEGORY)) {
            NamedImport outcome = terms.importTerms(taxonomy, taxonomy == Taxonomy.TAG ? "tags" : "categories",
                    imported(contents.terms(taxonomy)));
            changed |= outcome.changed();
            problems.addAll(outcome.problems());
        }
        NamedImport outcome = authors.importAuthors("authors", imported(contents.authors()));
        changed |= outcome.changed();
        problems.addAll(outcome.problems());
        try {
            DataFile.refuse(TaxonomyFile.PATH, problems);
            file.action = changed ? Action.UPDATED : Action.UNCHANGED;
        } catch (ImportFileException e) {
            file.fail(null, e.detail());
        }
    }

    private static List<NamedImport.Entry> imported(List<TaxonomyFile.Named> named) {
        return named.stream().map(one -> new NamedImport.Entry(one.slug(), one.name(), one.text())).toList();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void applyTaxonomiesAlone(List<Entry> entries, Upload upload) {
        applyTaxonomies(entries, upload);
        if (dataFile(entries, TaxonomyFile.PATH).filter(file -> file.action == Action.FAILED).isPresent()) {
            QuarkusTransaction.setRollbackOnly();
        }
    }

    private static void taxonomiesFailed(List<Entry> entries, String message) {
        dataFile(entries, TaxonomyFile.PATH).ifPresent(file -> file.fail(null, message));
    }

    /**
     * Problems of one kind that a file's report names one by one (paths of images.json without a
     * file, bad names); a count for the rest.
     */
    private static final int MAX_NAMED = 20;

    /** The entry of a data file of the upload ({@link DataFile}), when it has one. */
    private static Optional<Entry> dataFile(List<Entry> entries, String path) {
        return entries.stream().filter(entry -> entry.post == null && entry.sitePath.equals(path)).findFirst();
    }

    /** images.json changed what it describes when an image a saved file imported got new text from it. */
    private static void imageDescriptionsApplied(List<Entry> entries) {
        dataFile(entries, ImageDescriptions.PATH).filter(file -> file.action == Action.UNCHANGED)
                .filter(file -> entries.stream().anyMatch(entry -> entry.describedImages && entry.action != Action.FAILED))
                .ifPresent(file -> file.action = Action.UPDATED);
    }

    /** Partial mode: the file in a transaction of its own, rolled back if it failed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void applyAlone(Entry entry, Upload upload, Options options) {
        apply(entry, upload, options);
        if (entry.action == Action.FAILED) {
            QuarkusTransaction.setRollbackOnly();
        } else {
            // Here, not at the commit: a write that fails is then this file's failure.
            entityManager.flush();
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    List<PrunedPost> pruneAlone(List<Entry> entries, Upload upload, Options options) {
        return prune(entries, upload, options);
    }

    // ---- planning: parse and map, no writes ---------------------------------------------

    /** One Markdown file of the upload and what became of it. */
    static final class Entry {
        final String sitePath;
        ImportedPost post;
        String slug;
        /** The Markdown after shortcodes, and its rendering when no image link will change it. */
        String markdown;
        io.inkwell.post.MarkdownRenderer.Rendered rendered;
        /** The post this file would replace, as it was when the import began. */
        PostImport.Existing existing;
        /** The post this file created or updated. */
        UUID postId;
        Action action;
        /** A post's file whose images got an alt text or caption from images.json. */
        boolean describedImages;
        final List<Message> warnings = new ArrayList<>();
        final List<Message> errors = new ArrayList<>();

        Entry(String sitePath) {
            this.sitePath = sitePath;
        }

        boolean planned() {
            return post != null && action == null;
        }

        void fail(Integer line, String message) {
            action = Action.FAILED;
            errors.add(new Message(line, message));
        }
    }

    /** Reads, parses and maps every file, on all cores: this is most of an import's work. */
    private List<Entry> plan(Upload upload, Options options) {
        List<String> files = upload.layout().markdownFiles();
        Entry[] planned = new Entry[files.size()];
        IntStream.range(0, files.size()).parallel().forEach(i -> planned[i] = planFile(files.get(i), upload, options));
        List<Entry> entries = new ArrayList<>(List.of(planned));
        // The data files are reported too: read now, failed now if they cannot be; applied later.
        if (hasImageDescriptions(upload)) {
            entries.add(checkImageDescriptions(upload));
        }
        if (hasTaxonomies(upload)) {
            Entry entry = new Entry(TaxonomyFile.PATH);
            try {
                readTaxonomies(upload);
                entry.action = Action.UNCHANGED;
            } catch (ImportFileException e) {
                entry.fail(e.line(), e.detail());
            }
            entries.add(entry);
        }
        Map<String, Entry> bySlug = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.post != null && entry.action == null) {
                Entry other = bySlug.putIfAbsent(entry.post.type().toString() + "/" + entry.slug, entry);
                if (other != null) {
                    entry.fail(null, "The slug '" + entry.slug + "' is already used by " + other.sitePath + ".");
                }
            }
        }
        Map<String, String> urlsByContentPath = contentUrls(entries);
        Map<String, PostImport.Existing> existing = posts.existingForImport(
                entries.stream().filter(Entry::planned).map(entry -> entry.slug).toList(),
                entries.stream().filter(Entry::planned).map(entry -> PostImport.Existing.key(entry.post.type(), entry.slug))
                        .collect(java.util.stream.Collectors.toSet()));
        entries.stream().filter(Entry::planned)
                .forEach(entry -> entry.existing = existing.get(PostImport.Existing.key(entry.post.type(), entry.slug)));
        entries.parallelStream().filter(Entry::planned).forEach(entry -> prepareBody(entry, urlsByContentPath));
        return entries;
    }

    /**
     * The entry of the image descriptions file: unchanged until applied, failed (failing an
     * atomic import) when unreadable, warning of paths the upload has no file at (a typo would
     * otherwise describe nothing, silently).
     */
    private static Entry checkImageDescriptions(Upload upload) {
        Entry entry = new Entry(ImageDescriptions.PATH);
        try {
            List<String> missing = ImageDescriptions.read(read(upload, ImageDescriptions.PATH)).keySet().stream()
                    .filter(path -> !upload.layout().sitePaths().contains(path)).toList();
            missing.stream().limit(MAX_NAMED).forEach(path -> entry.warnings.add(new Message(null,
                    path + ": no file at this path in the upload; nothing was described.")));
            if (missing.size() > MAX_NAMED) {
                entry.warnings.add(new Message(null, "And " + (missing.size() - MAX_NAMED) + " more paths without a file."));
            }
            entry.action = Action.UNCHANGED;
        } catch (ImportFileException e) {
            entry.fail(e.line(), e.detail());
        }
        return entry;
    }

    private static Entry planFile(String sitePath, Upload upload, Options options) {
        Entry entry = new Entry(sitePath);
        try {
            // Not kept: a site's text may be large, so files are read again when applied.
            SourceDocument document = FrontMatterParser.parse(sitePath, utf8(read(upload, sitePath), sitePath));
            if (upload.flat()) {
                entry.post = SiteMapper.mapSingleFile(ContentPaths.fileName(sitePath), document, options.zone(),
                        options.type());
            } else {
                SiteMapper.Outcome outcome = SiteMapper.mapSiteFile(sitePath, document, options.zone(), options.type());
                if (outcome instanceof SiteMapper.Skipped skipped) {
                    entry.action = Action.SKIPPED;
                    entry.warnings.add(new Message(null, skipped.reason()));
                    return entry;
                }
                entry.post = ((SiteMapper.Imported) outcome).post();
            }
            entry.post.warnings().forEach(warning -> entry.warnings.add(Message.of(warning)));
            entry.slug = Slugs.normalize(entry.post.slug());
            check(entry);
        } catch (ImportFileException e) {
            entry.fail(e.line(), e.detail());
        } catch (ApiException e) {
            entry.fail(null, describe(e));
        }
        return entry;
    }

    /** Shortcodes, and the HTML when no local image link will change the Markdown later. */
    private static void prepareBody(Entry entry, Map<String, String> urlsByContentPath) {
        Shortcodes.Result rendered = Shortcodes.render(entry.post.markdown(), contentPath -> {
            String key = contentPath.replaceAll("^/+", "").replaceAll("#.*$", "");
            return Optional.ofNullable(urlsByContentPath.get(key))
                    .or(() -> Optional.ofNullable(urlsByContentPath.get(ContentPaths.fileName(key))))
                    .or(() -> Optional.ofNullable(urlsByContentPath.get(ContentPaths.withoutExtension(ContentPaths.fileName(key)))));
        });
        rendered.warnings().forEach(w -> entry.warnings.add(Message.of(w.locatedIn(entry.sitePath, entry.post.markdownFirstLine()))));
        entry.markdown = rendered.markdown();
        // Rendering is the costly part, so only for bodies that image links will not change and
        // that differ from the post as it is (an unchanged file is not rendered at all).
        boolean same = entry.existing != null && entry.existing.content().markdown().equals(entry.markdown);
        if (!same && ImageReferences.find(entry.markdown).isEmpty()) { // find() leaves external images out
            entry.rendered = PostImport.render(entry.markdown);
        }
    }

    /** Rules that the post feature would also enforce, checked before anything is written. */
    private static void check(Entry entry) {
        if (!Slugs.isValid(entry.slug)) {
            entry.fail(null, "The slug '" + entry.post.slug() + "' is not valid: use lower-case letters, digits "
                    + "and hyphens (set `slug` in the front matter).");
            return;
        }
        // Every bad name of the three lists at once, as the Admin API names every bad field.
        List<ImportMessage> badNames = entry.post.nameErrors();
        badNames.stream().limit(MAX_NAMED).forEach(error -> entry.fail(error.line(), error.message()));
        if (badNames.size() > MAX_NAMED) {
            entry.fail(null, "And " + (badNames.size() - MAX_NAMED) + " more bad names.");
        }
        List<String> over = new ArrayList<>();
        overLimit(over, "the title", length(entry.post.title()), PostDtos.MAX_TITLE_CHARS, "characters");
        overLimit(over, "the excerpt (description or summary)", length(entry.post.excerpt()), PostDtos.MAX_EXCERPT_CHARS,
                "characters");
        overLimit(over, "the body", length(entry.post.markdown()), PostDtos.MAX_MARKDOWN_CHARS, "characters");
        overLimit(over, "the feature image's alt text (cover.alt)", length(entry.post.featureImageAlt()),
                io.inkwell.image.ImageDtos.MAX_ALT_CHARS, "characters");
        overLimit(over, "authors", entry.post.authors().size(), PostDtos.MAX_AUTHORS, "names");
        overLimit(over, "tags", entry.post.tags().size(), PostDtos.MAX_TERMS, "names");
        overLimit(over, "categories", entry.post.categories().size(), PostDtos.MAX_TERMS, "names");
        if (!over.isEmpty()) {
            // The Admin API's limits (PostDtos), so that an imported post can be edited there.
            entry.fail(null, "Over the limits of a post: " + String.join("; ", over) + ".");
        }
    }

    private static void overLimit(List<String> over, String what, int size, int max, String unit) {
        if (size > max) {
            over.add(what + " has " + size + " " + unit + ", at most " + max);
        }
    }

    /** Characters as the Admin API's limits count them ({@code MaxChars}): code points. */
    private static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** Where {@code ref}/{@code relref} shortcodes point: the post or page a content path became. */
    private static Map<String, String> contentUrls(List<Entry> entries) {
        Map<String, String> urls = new HashMap<>();
        for (Entry entry : entries) {
            if (entry.post == null || entry.action == Action.FAILED) {
                continue;
            }
            String url = entry.post.type() == PostType.PAGE ? "/" + entry.slug + "/" : "/posts/" + entry.slug + "/";
            String path = entry.sitePath.startsWith("content/") ? entry.sitePath.substring("content/".length()) : entry.sitePath;
            urls.putIfAbsent(path, url);
            // A ref names a file; the post may since have become a bundle (or the reverse), so its slug counts too.
            urls.putIfAbsent(entry.slug, url);
            urls.putIfAbsent(ContentPaths.fileName(path), url);
            urls.putIfAbsent(ContentPaths.withoutExtension(ContentPaths.fileName(path)), url);
            if (ContentPaths.withoutExtension(ContentPaths.fileName(path)).equalsIgnoreCase("index")) {
                String folder = ContentPaths.folderOf(path);
                urls.putIfAbsent(folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder, url);
            }
        }
        return urls;
    }

    // ---- applying: inside a transaction ---------------------------------------------------

    /** Applies one file: its post and source wait in the session until the writes are flushed. */
    private void apply(Entry entry, Upload upload, Options options) {
        ImportedPost post = entry.post;
        try {
            Map<String, UUID> usedFiles = new LinkedHashMap<>();
            Set<String> unusable = new HashSet<>();
            Function<String, Optional<String>> mediaUrl = ref -> upload.layout().resolveImage(entry.sitePath, ref)
                    .flatMap(archivePath -> importImage(archivePath, upload, entry, usedFiles, unusable, ref));
            ImageReferences.Rewrite rewrite = ImageReferences.rewrite(entry.markdown, mediaUrl);
            for (String missing : rewrite.unresolved()) {
                if (!unusable.contains(missing)) {
                    entry.warnings.add(new Message(lineOf(entry, missing), "Image not found: " + missing + " (kept as written)."));
                }
            }
            String featureImage = post.featureImage();
            if (featureImage != null && !ImageReferences.isExternal(featureImage)) {
                featureImage = mediaUrl.apply(featureImage)
                        .orElseGet(() -> featureImageNotUploaded(entry, post.featureImage(), unusable));
            }

            PostContent content = new PostContent(post.type(), entry.slug, post.title(), rewrite.markdown(),
                    post.excerpt(), featureImage == null ? null : new FeatureImage(null, featureImage, post.featureImageAlt()),
                    post.authors(), post.tags(), post.categories(), post.publishedAt(), post.expiryDate(),
                    json.write(post.meta()));
            PostImport.Command command = new PostImport.Command(content, post.draft(), post.aliases(),
                    rewrite.markdown().equals(entry.markdown) ? entry.rendered : null, entry.existing != null,
                    post.lastmod());
            if (entry.existing != null && posts.importChangesNothing(entry.existing, command)) {
                entry.action = Action.UNCHANGED;
                return;
            }
            PostImport.Outcome outcome = posts.importPost(command);
            sources.save(outcome.postId(), options.source(), exportPath(upload, entry.sitePath), read(upload, entry.sitePath),
                    outcome.version(), usedFiles, outcome.created());
            entry.action = outcome.created() ? Action.CREATED : Action.UPDATED;
            entry.postId = outcome.postId();
        } catch (ApiException e) {
            entry.fail(null, describe(e));
            // Whatever this file half changed must not be written. The files before it in this
            // batch go too: in one transaction the failure rolls everything back anyway, and in
            // partial mode the file has a transaction of its own.
            entityManager.clear();
        }
    }

    /**
     * A feature image the upload does not hold (or that was refused): a path on the site stays
     * that URL, as the Admin API accepts it, so frontends can still show the site's own copy
     * until an import that holds the file (or an edit) makes it an uploaded image. A relative
     * path means nothing outside the site, so it is dropped.
     */
    private static String featureImageNotUploaded(Entry entry, String ref, Set<String> unusable) {
        boolean kept = ref.startsWith("/") && FeatureImage.isAcceptedUrl(ref);
        if (!unusable.contains(ref)) {
            entry.warnings.add(new Message(null, "Feature image not found in the upload: " + ref + (kept
                    ? " (kept as a URL; import it with the image file to store the image)."
                    : " (not kept: only a path starting with / or an http(s) URL can stand in for it).")));
        } else if (kept) {
            entry.warnings.add(new Message(null, "Feature image " + ref + " is kept as a URL."));
        }
        return kept ? ref : null;
    }

    /** The file line where a body first mentions {@code text}, or null. */
    private static Integer lineOf(Entry entry, String text) {
        int at = entry.post.markdown().indexOf(text);
        if (at < 0) {
            return null;
        }
        int newlines = (int) entry.post.markdown().substring(0, at).chars().filter(c -> c == '\n').count();
        return entry.post.markdownFirstLine() + newlines;
    }

    /**
     * Uploads an image file once (content-addressed), or finds it when it is known already. An
     * image that many posts use is read, hashed and looked up once per transaction.
     */
    private Optional<String> importImage(String archivePath, Upload upload, Entry entry, Map<String, UUID> usedFiles,
            Set<String> unusable, String ref) {
        String sitePath = archivePath.substring(upload.layout().root().length());
        ImportedImage image = cache.get("imported-image/" + archivePath, () -> describe(
                importImage(readArchivePath(upload, archivePath), ContentPaths.fileName(sitePath)),
                imageDescriptions(upload).get(sitePath)));
        if (image.refusal() != null) {
            unusable.add(ref);
            entry.warnings.add(new Message(null, "Image " + ref + " was not imported: " + image.refusal()));
            return Optional.empty();
        }
        entry.describedImages |= image.described();
        usedFiles.put(exportPath(upload, sitePath), image.view().id());
        return Optional.of(image.view().url() + ExportService.widthQuery(ref));
    }

    /** An image file of the upload: stored (or known already), or why it was refused. */
    private record ImportedImage(ImageView view, String refusal, boolean described) {
    }

    /** The alt text and caption the upload gives an image it holds (an export's), on the image. */
    private ImportedImage describe(ImportedImage image, ImageDescriptions.Description description) {
        if (image.refusal() == null && description != null && !description.isEmpty()
                && images.describe(image.view().id(), description.alt(), description.caption())) {
            return new ImportedImage(image.view(), null, true);
        }
        return image;
    }

    /**
     * {@link ImageDescriptions} of a site upload. One that cannot be read failed when the import
     * was planned (checkImageDescriptions); the files of a partial import go on without it.
     */
    private Map<String, ImageDescriptions.Description> imageDescriptions(Upload upload) {
        return cache.get("image-descriptions", () -> {
            if (!hasImageDescriptions(upload)) {
                return Map.of();
            }
            try {
                return ImageDescriptions.read(read(upload, ImageDescriptions.PATH));
            } catch (ImportFileException e) {
                return Map.of();
            }
        });
    }

    private static boolean hasTaxonomies(Upload upload) {
        return !upload.flat() && upload.layout().sitePaths().contains(TaxonomyFile.PATH);
    }

    /** The upload's {@link TaxonomyFile}, checked against the Admin API's rules for each entry. */
    private TaxonomyFile.Contents readTaxonomies(Upload upload) {
        return TaxonomyFile.read(read(upload, TaxonomyFile.PATH), (section, named) -> {
            Set<? extends ConstraintViolation<?>> violations = section.equals("authors")
                    ? validator.validate(new UpdateAuthorRequest(named.name(), named.slug(), named.text()))
                    : validator.validate(new UpdateTermRequest(named.name(), named.slug(), named.text()));
            return violations.stream().map(violation -> violation.getPropertyPath() + ": " + violation.getMessage())
                    .sorted().toList();
        });
    }

    private static boolean hasImageDescriptions(Upload upload) {
        return !upload.flat() && upload.layout().sitePaths().contains(ImageDescriptions.PATH);
    }

    private ImportedImage importImage(byte[] bytes, String filename) {
        try {
            return new ImportedImage(images.findOrStore(bytes, filename), null, false);
        } catch (ApiException e) {
            return new ImportedImage(null, e.getMessage(), false);
        }
    }

    private List<PrunedPost> prune(List<Entry> entries, Upload upload, Options options) {
        if (options.source() == null) {
            return List.of();
        }
        Set<String> uploadedPaths = new HashSet<>();
        entries.forEach(entry -> uploadedPaths.add(entry.sitePath));
        // The posts the files matched or made: a file may have moved, yet its post is not gone.
        Set<UUID> matched = new HashSet<>();
        for (Entry entry : entries) {
            if (entry.postId != null) {
                matched.add(entry.postId);
            } else if (entry.existing != null) {
                matched.add(entry.existing.id());
            }
        }
        List<PrunedPost> pruned = new ArrayList<>();
        for (PostImport.Unpublished post : posts.unpublishPruned(sources.missingFrom(options.source(), uploadedPaths, matched))) {
            pruned.add(new PrunedPost(post.id(), post.type().toString(), post.slug()));
        }
        return pruned;
    }

    private ImportReport report(List<Entry> entries, List<PrunedPost> pruned, Options options) {
        List<FileReport> files = new ArrayList<>();
        int[] counts = new int[Action.values().length];
        int warnings = 0;
        for (Entry entry : entries) {
            Action action = entry.action == null ? Action.SKIPPED : entry.action;
            counts[action.ordinal()]++;
            warnings += entry.warnings.size();
            files.add(new FileReport(entry.sitePath, entry.post == null ? null : entry.post.type().toString(),
                    entry.slug, action, List.copyOf(entry.warnings), List.copyOf(entry.errors)));
        }
        boolean failed = counts[Action.FAILED.ordinal()] > 0;
        boolean applied = !options.dryRun() && (options.mode() == Mode.PARTIAL || !failed);
        Totals totals = new Totals(entries.size(), counts[Action.CREATED.ordinal()], counts[Action.UPDATED.ordinal()],
                counts[Action.UNCHANGED.ordinal()], counts[Action.FAILED.ordinal()], counts[Action.SKIPPED.ordinal()],
                pruned.size(), warnings);
        return new ImportReport(options.source(), options.mode().name().toLowerCase(Locale.ROOT), options.dryRun(),
                applied, totals, files, pruned);
    }

    // ---- helpers ------------------------------------------------------------------------

    /**
     * Where the export writes this file back. Loose files (no site around them) are posts, so
     * they go where a Hugo site keeps posts, and their images next to them.
     */
    private static String exportPath(Upload upload, String sitePath) {
        return upload.flat() ? "content/posts/" + sitePath : sitePath;
    }

    /**
     * Writes what the last files changed, in a few batched statements, and forgets what they
     * wrote: a thousand-file import in one transaction then costs the same per file (every
     * flush compares each loaded entity with its snapshot), and its memory stays flat. Tags,
     * authors and images stay loaded; the next files use them again.
     */
    private void flushWrites() {
        entityManager.flush();
        Session session = entityManager.unwrap(Session.class);
        for (Object key : List.copyOf(session.getStatistics().getEntityKeys())) {
            EntityKey loaded = (EntityKey) key;
            Class<?> type = loaded.getPersister().getMappedClass();
            if (!KEPT_LOADED.contains(type)) {
                session.detach(session.find(type, loaded.getIdentifier()));
            }
        }
    }

    private static byte[] read(Upload upload, String sitePath) {
        return readArchivePath(upload, upload.layout().archivePath(sitePath));
    }

    private static byte[] readArchivePath(Upload upload, String archivePath) {
        try {
            return upload.files().read(archivePath);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String utf8(byte[] bytes, String path) {
        try {
            return checkedText(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString(), path);
        } catch (CharacterCodingException e) {
            throw new ImportFileException(path, null, "The file is not UTF-8 text.");
        }
    }

    private static String checkedText(String text, String path) {
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            int line = (int) text.substring(0, nul).chars().filter(c -> c == '\n').count() + 1;
            throw new ImportFileException(path, line, StrictJson.NUL_MESSAGE);
        }
        return text;
    }

    private static String describe(Exception e) {
        if (e instanceof ApiException api) {
            return api.summary();
        }
        if (!(e instanceof ApiException)) {
            // Its message may name server paths or SQL: the log gets it, the report does not.
            LOG.warn("Import of a file failed", e);
            return "an unexpected error, logged on the server.";
        }
        return e.getMessage();
    }
}
