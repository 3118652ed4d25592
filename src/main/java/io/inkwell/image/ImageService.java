package io.inkwell.image;

import io.inkwell.webhook.WebhookOutbox;
import io.inkwell.common.error.ServiceUnavailableException;
import io.inkwell.common.Text;
import io.inkwell.common.Times;
import io.inkwell.common.config.InkwellConfig;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.BadRequestException;
import io.inkwell.common.error.ConflictException;
import io.inkwell.common.error.FieldError;
import io.inkwell.common.error.ResourceNotFoundException;
import io.inkwell.common.events.ReferencedNamesChanged;
import io.inkwell.common.paging.Page;
import io.inkwell.common.paging.PageRequest;
import io.inkwell.common.web.ContentCache;
import io.inkwell.common.web.ContentGeneration;
import io.inkwell.common.web.ContentKeys;
import io.inkwell.common.web.WriteSlot;
import io.inkwell.common.web.MergePatch;
import io.inkwell.common.web.VersionPrecondition;
import io.inkwell.image.ImageDtos.FeatureImageView;
import io.inkwell.image.ImageDtos.ImageView;
import io.inkwell.image.ImageDtos.UpdateImageRequest;
import io.inkwell.image.ImageDtos.VariantView;
import io.inkwell.image.MediaCache.Media;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/** Uploads, metadata, responsive variants and delivery of images. */
@ApplicationScoped
public class ImageService {

    private final WebhookOutbox outbox;

    private static final Logger LOG = Logger.getLogger(ImageService.class);

    /** {@code /media/{id or sha256}/{filename}}, absolute or relative, as it appears in links. */
    static final Pattern MEDIA_REFERENCE = Pattern.compile(
            "/media/([0-9a-fA-F]{64}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})/([^\\s)\"'?#<>]+)");

    private final ImageRepository images;
    private final MediaStorage storage;
    private final MediaCache cache;
    private final ContentGeneration generation;
    private final InkwellConfig.Images config;
    private final Semaphore decodes;
    private final DecodeHeap heap;
    private final AtomicLong variantsGenerated = new AtomicLong();
    private final Event<ReferencedNamesChanged> referenceChanges;
    private final Clock clock;
    private final ImageUsers imageUsers;

    public ImageService(ImageRepository images, MediaStorage storage, MediaCache cache, ContentCache answers,
            ContentGeneration generation, InkwellConfig config, Event<ReferencedNamesChanged> referenceChanges,
            ImageUsers imageUsers, WebhookOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.referenceChanges = referenceChanges;
        this.imageUsers = imageUsers;
        this.clock = clock;
        this.images = images;
        this.storage = storage;
        this.cache = cache;
        this.generation = generation;
        this.config = config.images();
        this.decodes = new Semaphore(Math.max(1, this.config.concurrentDecodes()), true);
        // Both caches make way for a decode: the content cache is a quarter of the heap by default.
        this.heap = DecodeHeap.ofThisJvm(this.config.concurrentDecodes(), () -> cache.bytes() + answers.heldBytes(),
                () -> {
                    cache.clear();
                    answers.clear();
                });
    }

    /** Says at start which images this server's heap can take, so -Xmx and the limits can be made to agree. */
    void logLimits(@Observes StartupEvent started) {
        long maxPixels = config.maxPixels();
        long upright = heap.pixelsAt(ImageProcessor.UPRIGHT_BYTES_PER_PIXEL);
        long webp = heap.pixelsAt(ImageProcessor.decoderBytesPerPixel(ImageFormat.WEBP, new byte[0]));
        String within = upright >= maxPixels && webp >= maxPixels
                ? "enough for every accepted image"
                : "enough to turn photos of up to " + DecodeHeap.megapixels(Math.min(upright, maxPixels))
                        + " upright (EXIF orientation) and to decode lossy WebP images of up to "
                        + DecodeHeap.megapixels(Math.min(webp, maxPixels)) + "; larger ones are refused with 413 "
                        + "(raise -Xmx to accept them)";
        LOG.infof("Images: up to %s (INKWELL_IMAGES_MAX_PIXELS) and %d bytes accepted; one decode may use %s, %s.",
                DecodeHeap.megapixels(maxPixels), config.maxBytes(), heap.summary(), within);
    }

    public record Upload(ImageView image, boolean created) {
    }

    /**
     * Stores an upload after decoding it. The same bytes uploaded again give the image that
     * exists ({@code created} false).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    @WriteSlot // here, once the body is read: a slow client must not hold a slot while it sends
    public Upload upload(byte[] bytes, String filename, String alt, String caption) {
        Optional<Image> existing = findByFileSha(Text.sha256(bytes));
        if (existing.isPresent()) {
            return new Upload(view(existing.get()), false);
        }
        // Decoding can take a while (and waits for a decode permit): no transaction, and so no
        // pooled connection, is held meanwhile; store, called on this bean, opens its own.
        return store(prepare(bytes), filename, alt, caption);
    }

    /**
     * For imports, inside their transaction: the image with these bytes, stored now when it is
     * new (415/422 when they are not a usable image; the import reports it as a warning and
     * goes on, so this method joins no transaction of its own that the refusal would doom).
     */
    public ImageView findOrStore(byte[] bytes, String filename) {
        Optional<Image> existing = findByFileSha(Text.sha256(bytes));
        return existing.isPresent() ? view(existing.get()) : store(prepare(bytes), filename, null, null).image();
    }

    /** An upload checked and processed, not stored yet; needs no transaction. */
    public record Prepared(String uploadSha, String sha, ImageProcessor.Processed processed) {
    }

    /**
     * Decodes and checks the bytes (415/422 when they are not a usable image, 413 when this
     * server's heap cannot decode them).
     */
    public Prepared prepare(byte[] bytes) {
        ImageProcessor.Processed processed = withDecodePermit(() -> ImageProcessor.process(bytes, config.maxPixels(),
                heap));
        return new Prepared(Text.sha256(bytes), Text.sha256(processed.served()), processed);
    }

    @Transactional
    public Upload store(Prepared prepared, String filename, String alt, String caption) {
        Optional<Image> sameServedBytes = images.findBySha(prepared.sha());
        if (sameServedBytes.isPresent()) {
            return new Upload(view(sameServedBytes.get()), false);
        }
        ImageProcessor.Processed processed = prepared.processed();
        Image image = new Image();
        image.id = UUID.randomUUID();
        image.uploadSha256 = prepared.uploadSha();
        image.sha256 = prepared.sha();
        image.format = processed.format().toString();
        image.filename = safeFilename(filename, processed.format());
        image.width = processed.width();
        image.height = processed.height();
        image.bytes = processed.served().length;
        image.animated = processed.animated();
        image.alt = Text.blankToNull(alt);
        image.caption = Text.blankToNull(caption);
        image.dominantColor = processed.dominantColor();
        image.placeholder = processed.placeholder();
        image.createdAt = Times.now(clock);
        image.updatedAt = image.createdAt;
        storage.put(image.storageKey(), processed.served());
        // The put waits for an upload of the same bytes that is still running; if that one
        // committed meanwhile, its image is the answer (instead of a unique-key conflict).
        Optional<Image> storedMeanwhile = images.findBySha(prepared.sha());
        if (storedMeanwhile.isPresent()) {
            storage.delete(image.storageKey());
            return new Upload(view(storedMeanwhile.get()), false);
        }
        // Not flushed: lookups by hash in the same transaction find it by its natural id
        // (ImageRepository.findBySha), and an import's writes stay in batches.
        images.persist(image);
        return new Upload(view(image), true);
    }

    /**
     * The image whose upload or served bytes have this SHA-256: a file exported from Inkwell
     * (served bytes) is recognised as the image it came from.
     */
    public Optional<Image> findByFileSha(String sha) {
        return images.findByUploadSha(sha).or(() -> images.findBySha(sha));
    }

    /** The bytes we serve for an image, for exports. */
    public Optional<byte[]> servedBytes(Image image) {
        return storage.get(image.storageKey());
    }

    public Page<ImageView> list(PageRequest page, boolean unusedOnly) {
        PanacheQuery<Image> query = images.newest(unusedOnly);
        return page.toPage(images.page(query, page).stream().map(this::view).toList(), query.count());
    }

    public ImageView get(UUID id) {
        return view(load(id));
    }

    @Transactional
    public ImageView update(UUID id, VersionPrecondition ifMatch, MergePatch<UpdateImageRequest> patch) {
        Image image = loadForWrite(id, ifMatch);
        UpdateImageRequest edit = patch.applyTo(UpdateImageRequest.of(image)).values();
        describe(image, edit.alt(), edit.caption());
        images.flush();
        return view(image);
    }

    /**
     * An import's alt text and caption for an image it stored or found (an export's
     * {@code data/inkwell/images.json}): the ones given replace the image's, null keeps them.
     */
    public boolean describe(UUID id, String alt, String caption) {
        Image image = load(id);
        return describe(image, alt != null ? alt : image.alt, caption != null ? caption : image.caption);
    }

    /** @return whether the alt text or caption changed */
    private boolean describe(Image image, String alt, String caption) {
        String altBefore = image.alt;
        String captionBefore = image.caption;
        image.alt = Text.blankToNull(alt);
        image.caption = Text.blankToNull(caption);
        if (Objects.equals(altBefore, image.alt) && Objects.equals(captionBefore, image.caption)) {
            return false;
        }
        image.updatedAt = Times.now(clock);
        if (!Objects.equals(altBefore, image.alt)) {
            // Published posts show it as their feature image's alt when they give none of their own.
            referenceChanges.fire(ReferencedNamesChanged.renamed(ReferencedNamesChanged.Kind.IMAGE, image.id));
        }
        return true;
    }

    /** Refuses (409, naming the posts) while posts use the image, unless forced. */
    @Transactional
    public void delete(UUID id, VersionPrecondition ifMatch, boolean force) {
        Image image = loadForWrite(id, ifMatch);
        List<Map.Entry<UUID, String>> users = imageUsers.titles(images.postsUsing(id)).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList();
        if (!users.isEmpty() && !force) {
            List<FieldError> usedBy = new ArrayList<>();
            for (int i = 0; i < users.size(); i++) {
                usedBy.add(new FieldError("usedBy[" + i + "]", "Post " + users.get(i).getKey() + " \""
                        + users.get(i).getValue() + "\""));
            }
            throw new ConflictException("The image is used by " + users.size() + " post(s); remove it from them "
                    + "or delete with ?force=true.", usedBy);
        }
        // Posts drop it from their working copies and published snapshots first.
        referenceChanges.fire(ReferencedNamesChanged.deleting(ReferencedNamesChanged.Kind.IMAGE, id));
        outbox.record("image.deleted", Map.of("id", image.id, "sha256", image.sha256));
        images.variantKeys(id).forEach(storage::delete);
        storage.delete(image.storageKey());
        images.delete(image);
        // Now, not at commit: a version changed since the check is a 412 (or 503), not a failed commit.
        images.flush();
        generation.changed(ContentKeys.MEDIA);
    }

    // ---- delivery -------------------------------------------------------------------------

    /** The original, or the variant of width {@code width}, made on first request and kept. */
    public Optional<Media> media(String idOrHash, Integer width) {
        requireVariantWidth(width);
        return cache.get(idOrHash.toLowerCase(Locale.ROOT) + "|" + width, () -> load(idOrHash, width));
    }

    /** A stored object, by its storage key, and the ETag /media gives its bytes. */
    public record StoredMedia(String key, String etag) {
    }

    /**
     * The stored object of the original or of the variant (made now when new, as {@link #media}
     * would), for a redirect to where a CDN or public bucket serves it.
     */
    public Optional<StoredMedia> storedMedia(String idOrHash, Integer width) {
        requireVariantWidth(width);
        Optional<Image> found = find(idOrHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Image image = found.get();
        if (width == null || width >= image.width) {
            return Optional.of(new StoredMedia(image.storageKey(), "\"" + image.sha256 + "\""));
        }
        String key = variantKey(image, width);
        if (images.variantFormat(image.id, width).isEmpty()) {
            generateVariant(image, width);
        }
        return Optional.of(new StoredMedia(key, "\"" + key + "\""));
    }

    private void requireVariantWidth(Integer width) {
        if (width != null && !config.variantWidths().contains(width)) {
            throw new BadRequestException("w", "Must be one of " + config.variantWidths() + ".");
        }
    }

    /** How many variants this instance has resized: a resize happens once per image and width. */
    public long variantsGenerated() {
        return variantsGenerated.get();
    }

    private Optional<Media> load(String idOrHash, Integer width) {
        Optional<Image> found = find(idOrHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Image image = found.get();
        if (width == null || width >= image.width) {
            // Never upscaled: asking for more than the original gives the original.
            return storage.get(image.storageKey()).map(bytes -> new Media(bytes, image.imageFormat().mediaType(),
                    "\"" + image.sha256 + "\""));
        }
        String key = variantKey(image, width);
        Optional<String> format = images.variantFormat(image.id, width);
        if (format.isPresent()) {
            Optional<byte[]> stored = storage.get(key);
            if (stored.isPresent()) {
                return Optional.of(new Media(stored.get(), ImageFormat.fromValue(format.get()).mediaType(),
                        "\"" + key + "\""));
            }
        }
        return Optional.of(generateVariant(image, width));
    }

    /** Resizes outside any transaction (a decode may wait for a permit), then stores the variant in one. */
    private Media generateVariant(Image image, int width) {
        byte[] original = storage.get(image.storageKey()).orElseThrow(() -> new IllegalStateException(
                "Stored bytes missing for image " + image.id));
        ImageFormat source = image.imageFormat();
        Variant variant = withDecodePermit(() -> {
            BufferedImage resized = ImageProcessor.variant(original, source, width, heap);
            ImageFormat target = source.reencodedAs(resized.getColorModel().hasAlpha());
            return new Variant(width, resized.getHeight(), target, ImageProcessor.encode(resized, target));
        });
        String key = variantKey(image, width);
        Media media;
        try {
            media = storeVariant(image.id, key, variant);
        } catch (PersistenceException storedMeanwhile) {
            // Another instance stored this variant first (this one's cache made sure it was not
            // this instance); resizing is deterministic, so its bytes are these bytes.
            LOG.debugf("Variant %s was stored meanwhile: %s", key, storedMeanwhile.getMessage());
            media = new Media(variant.encoded(), variant.format().mediaType(), "\"" + key + "\"");
        }
        variantsGenerated.incrementAndGet();
        return media;
    }

    record Variant(int width, int height, ImageFormat format, byte[] encoded) {
    }

    /**
     * Its own transaction: a GET must not need one, and the variant is kept even if the response
     * fails. Called on this bean, so intercepted; not private for that reason.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Media storeVariant(UUID imageId, String key, Variant variant) {
        storage.put(key, variant.encoded());
        images.recordVariant(imageId, variant.width(), variant.height(), variant.format(), variant.encoded().length,
                key);
        return new Media(variant.encoded(), variant.format().mediaType(), "\"" + key + "\"");
    }

    // ---- posts ----------------------------------------------------------------------------

    /** The image a media URL or id points to, for a post's feature image. */
    public Optional<UUID> resolveReference(String reference) {
        return imageAt(reference).map(image -> image.id);
    }

    /** The uploaded image a media URL ({@code /media/{id-or-hash}/{name}}) points to. */
    public Optional<Image> imageAt(String mediaUrl) {
        Matcher media = MEDIA_REFERENCE.matcher(mediaUrl);
        return media.find() ? find(media.group(1)) : Optional.empty();
    }

    public Optional<Image> findById(UUID id) {
        return images.findByIdOptional(id);
    }

    /** Loads these images in one query, so that views of them in the same request need none. */
    public void preload(Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            images.list("id in ?1", ids);
        }
    }

    public boolean exists(UUID id) {
        return images.findByIdOptional(id).isPresent();
    }

    /** Images that Markdown links to through {@code /media/...} URLs. */
    public Set<UUID> referencedBy(String markdown) {
        Set<UUID> ids = new LinkedHashSet<>();
        Matcher media = MEDIA_REFERENCE.matcher(markdown);
        while (media.find()) {
            find(media.group(1)).ifPresent(image -> ids.add(image.id));
        }
        return ids;
    }

    /**
     * The uploaded images a version of a post uses: its feature image and the images its
     * Markdown links to. Deleting one of them is refused while a working copy or a live
     * version uses it.
     */
    public Set<UUID> usedBy(String markdown, UUID featureImageId) {
        Set<UUID> used = referencedBy(markdown);
        if (featureImageId != null) {
            used.add(featureImageId);
        }
        return used;
    }

    /** Which uploaded images a post's working copy uses, so that deleting one of them is refused. */
    public void recordUsage(UUID postId, Set<UUID> imageIds, boolean newPost) {
        images.replaceUsage(postId, imageIds, newPost);
    }

    public FeatureImageView featureImage(UUID imageId, String url, String alt) {
        if (imageId != null) {
            Optional<Image> image = images.findByIdOptional(imageId);
            if (image.isPresent()) {
                ImageView view = view(image.get());
                return new FeatureImageView(imageId, view.url(), alt != null ? alt : view.alt(), view.width(),
                        view.height(), view.placeholder(), view.dominantColor(), view.variants());
            }
        }
        return url == null ? null : new FeatureImageView(null, url, alt, null, null, null, null, List.of());
    }

    // ---- helpers --------------------------------------------------------------------------

    ImageView view(Image image) {
        String base = "/media/" + image.sha256 + "/" + image.filename;
        List<VariantView> variants = config.variantWidths().stream().sorted()
                .filter(width -> width < image.width)
                .map(width -> new VariantView(width, Math.max(1, Math.round((float) image.height * width / image.width)),
                        base + "?w=" + width))
                .toList();
        return new ImageView(image.id, image.filename, image.imageFormat(), image.width, image.height, image.bytes,
                image.sha256, image.animated, image.alt, image.caption, image.dominantColor, image.placeholder, base,
                variants, image.createdAt, image.updatedAt, image.version);
    }

    private Optional<Image> find(String idOrHash) {
        if (idOrHash.length() == 64) {
            return images.findBySha(idOrHash.toLowerCase(Locale.ROOT));
        }
        try {
            return images.findByIdOptional(UUID.fromString(idOrHash));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    /** The image, if the client's copy is this version; its writes carry that version (stale at flush: 412). */
    private Image loadForWrite(UUID id, VersionPrecondition ifMatch) {
        Image image = load(id);
        ifMatch.check(image.version, "image");
        return image;
    }

    private Image load(UUID id) {
        return images.findByIdOptional(id).orElseThrow(() -> new ResourceNotFoundException("No image with id " + id + "."));
    }

    private <T> T withDecodePermit(Supplier<T> work) {
        try {
            decodes.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailableException("The server is shutting down.");
        }
        try {
            return work.get();
        } catch (InsufficientHeapException e) {
            LOG.warn(e.logMessage());
            throw e;
        } finally {
            decodes.release();
        }
    }

    private static String variantKey(Image image, int width) {
        return image.sha256 + "-w" + width;
    }

    static String safeFilename(String filename, ImageFormat format) {
        String base = filename == null ? "" : filename.replaceAll(".*[/\\\\]", "");
        base = base.replaceAll("\\.[A-Za-z0-9]{1,5}$", "").replaceAll("[^A-Za-z0-9._-]+", "-")
                .replaceAll("^[-.]+|[-.]+$", "");
        if (base.isEmpty()) {
            base = "image";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "." + format.extension();
    }
}
