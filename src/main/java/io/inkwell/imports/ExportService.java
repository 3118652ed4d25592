package io.inkwell.imports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inkwell.common.web.Json;
import io.inkwell.image.Image;
import io.inkwell.image.ImageService;
import io.inkwell.post.PostContent;
import io.inkwell.post.PostImport;
import io.inkwell.post.PostImportService;
import io.inkwell.post.PostStatus;
import io.inkwell.author.AuthorService;
import io.inkwell.term.Taxonomy;
import io.inkwell.term.TermService;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes every post and page, drafts included, as a zip that Hugo reads and Inkwell imports
 * back. A post nobody edited since its import is written as its original file, byte for byte,
 * with the image files it referenced, when that file reads back to the same post; any other
 * becomes a page bundle ({@link HugoExport}). What no post file holds goes to Hugo data files:
 * the images' alt texts and captions ({@link ImageDescriptions}), and the tags, categories and
 * authors with their slugs, descriptions and bios ({@link TaxonomyFile}).
 */
@ApplicationScoped
public class ExportService {

    private static final Pattern WIDTH_QUERY = Pattern.compile("[?&]w=(\\d{1,5})(?:&|#|$)");

    private final PostImportService posts;
    private final ImageService images;
    private final PostSourceRepository sources;
    private final Json json;
    private final TermService terms;
    private final AuthorService authors;

    public ExportService(PostImportService posts, ImageService images, PostSourceRepository sources, Json json,
            TermService terms, AuthorService authors) {
        this.terms = terms;
        this.authors = authors;
        this.posts = posts;
        this.images = images;
        this.sources = sources;
        this.json = json;
    }

    /**
     * Writes the zip to {@code out}, reading in batches inside one transaction; a large site
     * takes a while to stream, and the default transaction timeout would cut it off.
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600)
    public void write(OutputStream out) {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            Set<String> written = new HashSet<>();
            Map<String, Image> imageAt = new HashMap<>();
            posts.forEachForExport(batch -> {
                Map<UUID, PostSourceRepository.Source> sourceOf = sources.find(batch.stream().map(PostImport.Exported::id).toList());
                for (PostImport.Exported post : batch) {
                    try {
                        PostSourceRepository.Source source = sourceOf.get(post.id());
                        // Two posts can come from one path (two uploads of "post.md"; a bundle at the
                        // folder another post's slug names), or name different images at one path
                        // (/images/cover.png of two sites): the later one is written as a bundle.
                        if (source != null && source.importedVersion() == post.version() && !written.contains(source.path())
                                && imagesFit(source, imageAt) && readsBackTheSame(source, post)) {
                            writeOriginal(zip, written, source, imageAt);
                        } else {
                            writeBundle(zip, written, post, imageAt);
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            });
            writeImageDescriptions(zip, written, imageAt);
            entry(zip, written, TaxonomyFile.PATH, TaxonomyFile.write(new TaxonomyFile.Contents(
                    terms(Taxonomy.TAG), terms(Taxonomy.CATEGORY),
                    authors.all().stream().map(a -> new TaxonomyFile.Named(a.slug, a.name, a.bio)).toList())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the original file, imported again as the export is (no {@code timezone} or
     * {@code type}, today's rules), gives this post's type and dates. One imported with
     * {@code timezone=} and dates without a zone would move them; one the importer now refuses
     * would fail. Either is written as a bundle.
     */
    private static boolean readsBackTheSame(PostSourceRepository.Source source, PostImport.Exported post) {
        try {
            SourceDocument document = FrontMatterParser.parse(source.path(),
                    new String(source.content(), StandardCharsets.UTF_8));
            if (!(SiteMapper.mapSiteFile(source.path(), document, ZoneOffset.UTC) instanceof SiteMapper.Imported imported)) {
                return false;
            }
            ImportedPost file = imported.post();
            // A file without a date is published, and updated, at the time of each import.
            OffsetDateTime updated = file.lastmod() != null ? file.lastmod() : file.publishedAt();
            return file.type() == post.content().type()
                    && sameInstant(file.publishedAt(), post.content().publishedAt())
                    && sameInstant(file.expiryDate(), post.content().unpublishAt())
                    && sameInstant(updated, post.updatedAt());
        } catch (ImportFileException e) {
            return false;
        }
    }

    private static boolean sameInstant(OffsetDateTime inFile, OffsetDateTime onPost) {
        return inFile == null ? onPost == null : onPost != null && inFile.toInstant().equals(onPost.toInstant());
    }

    /** Whether the images the original file names are free at their paths, or hold the same image there. */
    private static boolean imagesFit(PostSourceRepository.Source source, Map<String, Image> imageAt) {
        return source.files().stream().allMatch(file -> {
            Image there = imageAt.get(file.path());
            return there == null || there.id.equals(file.imageId());
        });
    }

    private void writeOriginal(ZipOutputStream zip, Set<String> written, PostSourceRepository.Source source,
            Map<String, Image> imageAt) throws IOException {
        entry(zip, written, source.path(), source.content());
        for (PostSourceRepository.SourceFile file : source.files()) {
            Optional<Image> image = images.findById(file.imageId());
            if (image.isPresent()) {
                writeImage(zip, written, file.path(), image.get(), imageAt);
            }
        }
    }

    private void writeBundle(ZipOutputStream zip, Set<String> written, PostImport.Exported exported,
            Map<String, Image> imageAt) throws IOException {
        PostContent post = exported.content();
        Map<String, Image> bundleFiles = new LinkedHashMap<>();
        Map<UUID, String> nameOfImage = new HashMap<>();
        ImageReferences.Rewrite rewrite = ImageReferences.rewrite(post.markdown(),
                ref -> images.imageAt(ref).map(image -> bundleName(image, bundleFiles, nameOfImage) + widthQuery(ref)));
        String featureImage = null;
        if (post.featureImage() != null && post.featureImage().imageId() != null) {
            featureImage = images.findById(post.featureImage().imageId())
                    .map(image -> bundleName(image, bundleFiles, nameOfImage)).orElse(null);
        } else if (post.featureImage() != null) {
            featureImage = post.featureImage().url();
        }
        // Aliases are written from meta, where they were given; old slugs Inkwell recorded by
        // itself are not exported, or an import would add an aliases key to meta.
        ObjectNode meta = (ObjectNode) json.mapper().readTree(post.meta());
        ExportPost export = new ExportPost(post.type(),
                post.slug(), post.title(), post.publishedAt(), exported.updatedAt(), exported.status() == PostStatus.DRAFT,
                post.unpublishAt(), post.tags(), post.categories(), post.authors(), post.excerpt(), featureImage,
                featureImage == null ? null : post.featureImage().alt(), List.of(), meta, rewrite.markdown());
        String indexPath = HugoExport.bundlePath(export);
        if (written.contains(indexPath)) {
            // An imported file kept its path here; the folder's name is free, the slug is in the front matter.
            indexPath = indexPath.replace("/index.md", "-" + exported.id().toString().substring(0, 8) + "/index.md");
        }
        String folder = indexPath.substring(0, indexPath.lastIndexOf('/') + 1);
        entry(zip, written, indexPath, HugoExport.render(export).getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, Image> file : bundleFiles.entrySet()) {
            writeImage(zip, written, folder + file.getKey(), file.getValue(), imageAt);
        }
    }

    /** An image's file, unless its bytes are gone from storage; {@code imageAt} remembers what is at each path. */
    private void writeImage(ZipOutputStream zip, Set<String> written, String path, Image image,
            Map<String, Image> imageAt) throws IOException {
        Optional<byte[]> bytes = images.servedBytes(image);
        if (bytes.isPresent()) {
            entry(zip, written, path, bytes.get());
            imageAt.putIfAbsent(path, image);
        }
    }

    /** The alt texts and captions of the images written, which no image file holds ({@link ImageDescriptions}). */
    private static void writeImageDescriptions(ZipOutputStream zip, Set<String> written, Map<String, Image> imageAt)
            throws IOException {
        Map<String, ImageDescriptions.Description> described = new HashMap<>();
        imageAt.forEach((path, image) -> {
            ImageDescriptions.Description description = new ImageDescriptions.Description(image.alt, image.caption);
            if (!description.isEmpty()) {
                described.put(path, description);
            }
        });
        if (!described.isEmpty()) {
            entry(zip, written, ImageDescriptions.PATH, ImageDescriptions.write(described));
        }
    }

    private List<TaxonomyFile.Named> terms(Taxonomy taxonomy) {
        return terms.all(taxonomy).stream().map(term -> new TaxonomyFile.Named(term.slug, term.name, term.description)).toList();
    }

    /** A responsive-variant link keeps its width through export and import. */
    static String widthQuery(String ref) {
        Matcher width = WIDTH_QUERY.matcher(ref);
        return width.find() ? "?w=" + width.group(1) : "";
    }

    /** The image's file name inside the bundle; two different images never share one. */
    private static String bundleName(Image image, Map<String, Image> bundleFiles, Map<UUID, String> nameOfImage) {
        return nameOfImage.computeIfAbsent(image.id, id -> {
            String name = image.filename;
            if (bundleFiles.containsKey(name)) {
                name = image.sha256.substring(0, 8) + "-" + name;
            }
            bundleFiles.put(name, image);
            return name;
        });
    }

    private static void entry(ZipOutputStream zip, Set<String> written, String path, byte[] bytes) throws IOException {
        if (!written.add(path)) {
            return;
        }
        ZipEntry entry = new ZipEntry(path);
        if (bytes.length >= ArchiveReader.RATIO_CHECKED_FROM_BYTES) {
            // The import judges a large entry by its compression ratio (zip bombs): a long post of
            // repeated text, deflated, would have this very export refused. Stored, its ratio is 1.
            CRC32 crc = new CRC32();
            crc.update(bytes);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
        }
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }
}
