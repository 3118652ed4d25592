package io.inkwell.image;

import io.inkwell.common.error.UnprocessableContentException;
import io.inkwell.common.error.UnsupportedMediaTypeException;
import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.inkwell.common.error.ApiException;
import io.inkwell.common.error.HttpStatus;
import io.trbl.blurhash.BlurHash;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Checks an upload by decoding it and prepares the bytes we serve: upright, without personal
 * metadata. Pure functions over bytes; no storage, no database.
 *
 * <p>Pixels are decoded at full size only when they must be re-encoded (a photo turned
 * upright). To check an upload and compute its placeholder, and to make a variant, every pixel
 * is still decoded (so a damaged file is noticed) but only every n-th row and column is kept
 * (ImageIO source subsampling), so the heap needed does not grow with the image. Before each
 * decode, what it needs is estimated from the header and checked against the {@link DecodeHeap}.
 */
public final class ImageProcessor {

    static final float JPEG_QUALITY = 0.9f;

    /**
     * Heap per pixel to turn a JPEG photo upright in {@link #MAX_BANDS} bands: the turned copy
     * (3 bytes a pixel) and two bands. For the startup log; a decode's own estimate uses the
     * image's real pixel layout.
     */
    static final double UPRIGHT_BYTES_PER_PIXEL = 3 + 2 * 3.0 / 8;

    /** Most horizontal bands a photo is decoded in to turn it upright within the heap. */
    static final int MAX_BANDS = 8;

    /** Longest side kept when an upload is decoded to check it and compute its placeholder. */
    static final int PREVIEW_SIDE = 1024;

    private ImageProcessor() {
    }

    public record Processed(byte[] served, ImageFormat format, int width, int height, boolean animated,
            String dominantColor, String placeholder) {
    }

    static Processed process(byte[] upload, long maxPixels, DecodeHeap heap) {
        byte[] head = Arrays.copyOf(upload, Math.min(upload.length, 512));
        ImageFormat format = ImageFormat.sniff(head).orElseThrow(() -> ImageFormat.looksLikeSvg(head)
                ? new UnsupportedMediaTypeException("SVG images are not accepted: they can carry "
                        + "scripts. Convert the drawing to PNG or WebP and upload that.")
                : new UnsupportedMediaTypeException("The file is not a JPEG, PNG, GIF or WebP image "
                        + "(its content was checked, not its name)."));
        if (!hasTrailer(upload, format)) {
            throw corrupt(format);
        }
        int orientation = format == ImageFormat.JPEG || format == ImageFormat.WEBP ? exifOrientation(upload) : 1;
        Source source = Source.open(upload, format);
        try (source) {
            long width = source.width;
            long height = source.height;
            // From the header only: a small file that claims a huge canvas never gets decoded.
            if (width * height > maxPixels) {
                throw new UnprocessableContentException("The image is " + width + " x " + height
                        + " pixels; at most " + maxPixels + " pixels are accepted.");
            }
            if (orientation > 1 && orientation <= 8) {
                // Rotating cannot be done on the compressed bytes, so the photo is re-encoded upright.
                return turnUpright(upload, source, orientation, heap);
            }
            int subsampling = source.subsamplingToFit(PREVIEW_SIDE);
            // The upload is held meanwhile, and so is a copy of it without the metadata.
            long needed = 2L * upload.length + source.decodeBytes(subsampling) + source.keptPixels(subsampling);
            if (!heap.admit(needed)) {
                throw source.tooLarge(HttpStatus.CONTENT_TOO_LARGE, "decoding it", needed, heap, source.decoderBytesPerPixel);
            }
            BufferedImage preview = source.readChecked(source.param(subsampling));
            boolean animated = source.animated();
            BufferedImage small = Resizer.fit(preview, 32);
            return new Processed(MetadataStripper.strip(upload, format), format, source.width, source.height, animated,
                    dominantColor(small), BlurHash.encode(small, 4, 3));
        } catch (OutOfMemoryError e) {
            throw source.ranOutOfHeap(HttpStatus.CONTENT_TOO_LARGE, heap);
        }
    }

    /**
     * Decodes a photo in full and turns it upright. When the heap cannot hold the photo twice,
     * it is decoded in horizontal bands, each placed in the turned image as it comes, so only
     * one full-size copy exists; each band costs decoding the photo down to its end again.
     */
    private static Processed turnUpright(byte[] upload, Source source, int orientation, DecodeHeap heap) {
        long raster = source.rasterBytes(1);
        // The upload, the re-encoded bytes and the buffer they grow in; what the decoder takes.
        long fixed = 3L * upload.length + (long) (source.decoderBytesPerPixel * source.pixels());
        int bands = 1;
        while (bands < MAX_BANDS && fixed + turnBytes(raster, bands) > heap.perDecode()) {
            bands++;
        }
        long needed = fixed + turnBytes(raster, bands);
        if (!heap.admit(needed)) {
            throw source.tooLarge(HttpStatus.CONTENT_TOO_LARGE, "turning it upright", needed, heap,
                    (double) turnBytes(raster, MAX_BANDS) / source.pixels()
                            + source.decoderBytesPerPixel);
        }
        BufferedImage turned = source.readTurned(orientation, bands);
        ImageFormat servedFormat = source.format.reencodedAs(turned.getColorModel().hasAlpha());
        byte[] served = encode(turned, servedFormat);
        BufferedImage small = Resizer.fit(subsample(turned, PREVIEW_SIDE), 32);
        return new Processed(served, servedFormat, turned.getWidth(), turned.getHeight(), false,
                dominantColor(small), BlurHash.encode(small, 4, 3));
    }

    /**
     * Heap to decode and turn a photo in {@code bands}: the turned copy and the decoded photo
     * (one band), or the turned copy and two bands (the one read, the previous one the reader
     * still holds).
     */
    private static long turnBytes(long raster, int bands) {
        return bands == 1 ? 2 * raster : raster + 2 * ((raster + bands - 1) / bands);
    }

    /**
     * The first frame of bytes stored earlier (already checked when uploaded), resized to be
     * {@code width} wide. Decoded at full size when the heap allows, otherwise keeping only
     * every n-th pixel (never fewer than {@code width} a row); an image less than twice as wide
     * as the variant is then decoded in bands, each scaled into the variant as it comes. 503
     * when even that cannot fit.
     */
    static BufferedImage variant(byte[] bytes, ImageFormat format, int width, DecodeHeap heap) {
        Source source = Source.open(bytes, format);
        try (source) {
            int most = Math.max(1, source.width / width);
            int subsampling = 1;
            while (subsampling < most && source.variantBytes(subsampling, width) > heap.perDecode()) {
                subsampling++;
            }
            if (heap.admit(source.variantBytes(subsampling, width))) {
                return Resizer.toWidth(source.read(source.param(subsampling)), width);
            }
            long banded = source.bandedVariantBytes(width);
            if (most > 1 || !heap.admit(banded)) {
                throw source.tooLarge(HttpStatus.SERVICE_UNAVAILABLE, "making a " + width + "-pixel-wide variant",
                        Math.min(banded, source.variantBytes(subsampling, width)), heap, source.decoderBytesPerPixel);
            }
            return source.readScaled(width);
        } catch (OutOfMemoryError e) {
            throw source.ranOutOfHeap(HttpStatus.SERVICE_UNAVAILABLE, heap);
        } catch (IOException e) {
            if (causedByOutOfMemory(e)) {
                throw source.ranOutOfHeap(HttpStatus.SERVICE_UNAVAILABLE, heap);
            }
            throw new IllegalStateException("Stored image could not be decoded", e);
        }
    }

    /** An image's reader, positioned on its first frame, and what its header says. */
    private static final class Source implements AutoCloseable {

        final ImageFormat format;
        final ImageReader reader;
        final ImageInputStream in;
        final int width;
        final int height;
        /** Bytes of each pixel kept in the decoded image. */
        final int bytesPerPixel;
        /** Heap the decoder itself takes for each pixel of the image, beyond the pixels it returns. */
        final double decoderBytesPerPixel;

        private final List<String> warnings = new ArrayList<>();

        private Source(ImageFormat format, ImageReader reader, ImageInputStream in, byte[] bytes) throws IOException {
            this.format = format;
            this.reader = reader;
            this.in = in;
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            this.width = reader.getWidth(0);
            this.height = reader.getHeight(0);
            this.bytesPerPixel = bytesPerPixel(reader);
            this.decoderBytesPerPixel = decoderBytesPerPixel(format, bytes);
        }

        static Source open(byte[] bytes, ImageFormat format) {
            ImageReader reader = reader(format);
            ImageInputStream in = null;
            try {
                in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes));
                reader.setInput(in);
                return new Source(format, reader, in, bytes);
            } catch (IOException | RuntimeException e) {
                reader.dispose();
                closeQuietly(in);
                throw corrupt(format);
            }
        }

        long pixels() {
            return (long) width * height;
        }

        /** The smallest n such that keeping every n-th pixel leaves no side longer than {@code side}. */
        int subsamplingToFit(int side) {
            return Math.max(1, (Math.max(width, height) + side - 1) / side);
        }

        long keptPixels(int subsampling) {
            return (long) ((width + subsampling - 1) / subsampling) * ((height + subsampling - 1) / subsampling);
        }

        long rasterBytes(int subsampling) {
            return keptPixels(subsampling) * bytesPerPixel;
        }

        /** Heap a decode keeping every n-th pixel takes: the decoder's own, and what it returns. */
        long decodeBytes(int subsampling) {
            return (long) (decoderBytesPerPixel * pixels()) + rasterBytes(subsampling);
        }

        /**
         * Heap to decode keeping every n-th pixel and resize to {@code width}: the first halving
         * step of {@link Resizer} draws into an int-per-pixel image at least that wide.
         */
        long variantBytes(int subsampling, int width) {
            long keptWidth = (this.width + subsampling - 1) / subsampling;
            long keptHeight = (height + subsampling - 1) / subsampling;
            long stepWidth = Math.max(width, keptWidth / 2);
            long stepHeight = Math.max(Math.round((double) keptHeight * width / keptWidth), keptHeight / 2);
            return decodeBytes(subsampling) + stepWidth * stepHeight * 4;
        }

        /** Heap to make a variant {@code width} wide in {@link #MAX_BANDS} bands: the variant and two bands. */
        long bandedVariantBytes(int width) {
            long variantHeight = Math.max(1, Math.round((double) height * width / this.width));
            return (long) (decoderBytesPerPixel * pixels()) + (long) width * variantHeight * 4
                    + 2 * ((rasterBytes(1) + MAX_BANDS - 1) / MAX_BANDS);
        }

        /**
         * The image scaled to {@code width} (less than twice narrower) in one bilinear step,
         * as {@link Resizer} does, decoded in {@link #MAX_BANDS} bands. Each band is read with a
         * row more on either side, so the rows of the variant it draws have both their neighbours.
         */
        BufferedImage readScaled(int width) throws IOException {
            int variantHeight = Math.max(1, (int) Math.round((double) height * width / this.width));
            double scaleX = (double) width / this.width;
            double scaleY = (double) variantHeight / height;
            BufferedImage variant = null;
            Graphics2D g = null;
            int bandHeight = (height + MAX_BANDS - 1) / MAX_BANDS;
            try {
                for (int top = 0; top < height; top += bandHeight) {
                    int bottom = Math.min(height, top + bandHeight);
                    int readTop = Math.max(0, top - 1);
                    int readBottom = Math.min(height, bottom + 1);
                    ImageReadParam param = param(1);
                    param.setSourceRegion(new Rectangle(0, readTop, this.width, readBottom - readTop));
                    BufferedImage band = read(param);
                    if (variant == null) {
                        variant = new BufferedImage(width, variantHeight, band.getColorModel().hasAlpha()
                                ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
                        g = variant.createGraphics();
                        Resizer.highQuality(g);
                    }
                    // The variant's rows whose centres fall on this band's own rows.
                    int firstRow = (int) Math.ceil(top * scaleY - 0.5);
                    int endRow = (int) Math.ceil(bottom * scaleY - 0.5);
                    g.setClip(0, firstRow, width, endRow - firstRow);
                    g.drawImage(band, new AffineTransform(scaleX, 0, 0, scaleY, 0, readTop * scaleY), null);
                }
            } finally {
                if (g != null) {
                    g.dispose();
                }
            }
            return variant;
        }

        ImageReadParam param(int subsampling) {
            ImageReadParam param = reader.getDefaultReadParam();
            if (subsampling > 1) {
                param.setSourceSubsampling(subsampling, subsampling, 0, 0);
            }
            return param;
        }

        BufferedImage read(ImageReadParam param) throws IOException {
            return reader.read(0, param);
        }

        /** Like {@link #read}, but a warning or failure of the decoder means a damaged file (422). */
        BufferedImage readChecked(ImageReadParam param) {
            try {
                BufferedImage image = read(param);
                if (!warnings.isEmpty()) {
                    throw corrupt(format);
                }
                return image;
            } catch (IOException | RuntimeException e) {
                // Some decoders (PNG) wrap whatever went wrong, running out of heap too.
                if (causedByOutOfMemory(e)) {
                    throw new OutOfMemoryError("Decoding ran out of heap");
                }
                if (e instanceof ApiException apiException) {
                    throw apiException;
                }
                throw corrupt(format);
            }
        }

        /** The whole image turned upright, decoded in {@code bands} horizontal bands. */
        BufferedImage readTurned(int orientation, int bands) {
            int bandHeight = (height + bands - 1) / bands;
            BufferedImage turned = null;
            for (int top = 0; top < height; top += bandHeight) {
                ImageReadParam param = param(1);
                if (bands > 1) {
                    param.setSourceRegion(new Rectangle(0, top, width, Math.min(bandHeight, height - top)));
                }
                BufferedImage band = readChecked(param);
                if (turned == null) {
                    turned = turnedCanvas(band, width, height, orientation);
                }
                place(band.getRaster(), top, width, height, orientation, turned.getRaster());
            }
            return turned;
        }

        boolean animated() {
            try {
                return format == ImageFormat.GIF && reader.getNumImages(true) > 1;
            } catch (IOException e) {
                throw corrupt(format);
            }
        }

        InsufficientHeapException tooLarge(HttpStatus status, String work, long needed, DecodeHeap heap,
                double bytesPerPixel) {
            String what = DecodeHeap.megapixels(pixels()) + " (" + width + " x " + height + ")";
            long most = heap.pixelsAt(Math.max(1.0, bytesPerPixel));
            return new InsufficientHeapException(status, "The image has " + what + "; " + work + " needs about "
                    + DecodeHeap.megabytes(needed) + " of memory, and with its heap this server can do that for "
                    + "images of at most " + DecodeHeap.megapixels(most) + ". " + advice(status),
                    "Refused a " + width + " x " + height + " " + format + " image (" + status.code() + "): " + work
                            + " needs about " + DecodeHeap.megabytes(needed) + " of heap, and one decode may use "
                            + heap.summary() + ". Raise -Xmx to accept it.");
        }

        InsufficientHeapException ranOutOfHeap(HttpStatus status, DecodeHeap heap) {
            return new InsufficientHeapException(status, "The image has " + DecodeHeap.megapixels(pixels()) + " ("
                    + width + " x " + height + "); decoding it needed more memory than this server's heap had free. "
                    + advice(status),
                    "Refused a " + width + " x " + height + " " + format + " image (" + status.code() + "): the heap ran "
                            + "out while decoding it; one decode may use " + heap.summary()
                            + ". Raise -Xmx to accept it.");
        }

        private static String advice(HttpStatus status) {
            return status == HttpStatus.CONTENT_TOO_LARGE
                    ? "Upload a smaller image, or run the server with a larger heap (-Xmx) or a lower "
                            + "INKWELL_IMAGES_MAX_PIXELS so that its limit says so."
                    : "Ask for the original (without w), or run the server with a larger heap (-Xmx).";
        }

        @Override
        public void close() {
            reader.dispose();
            closeQuietly(in);
        }
    }

    /** Bytes a decoded pixel takes, from the first image type the reader offers. */
    private static int bytesPerPixel(ImageReader reader) throws IOException {
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
        if (!types.hasNext()) {
            return 4;
        }
        SampleModel model = types.next().getSampleModel(1, 1);
        return Math.max(1, model.getNumDataElements() * DataBuffer.getDataTypeSize(model.getDataType()) / 8);
    }

    /**
     * What the decoder takes on top of the pixels it returns, per pixel of the whole image,
     * measured with a 128 MB heap. JPEG, PNG and GIF are decoded row by row (libjpeg's buffers
     * are not on the Java heap). The WebP decoder keeps the whole frame: lossless as 4 bytes a
     * pixel, lossy as objects for every 16 x 16 block, about 26 bytes a pixel.
     */
    static double decoderBytesPerPixel(ImageFormat format, byte[] bytes) {
        if (format != ImageFormat.WEBP) {
            return 0;
        }
        return MetadataStripper.webpChunks(bytes).contains("VP8L") ? 5 : 28;
    }

    /** Whether running out of heap is what went wrong, however the decoder wrapped it. */
    static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable cause = e; cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.toString());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        return readers.next();
    }

    private static void closeQuietly(ImageInputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // a stream over bytes in memory
            }
        }
    }

    /** Decoders fill a truncated file with grey without complaint, so its end marker is checked. */
    private static boolean hasTrailer(byte[] bytes, ImageFormat format) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return switch (format) {
            case JPEG -> end >= 2 && (bytes[end - 2] & 0xFF) == 0xFF && (bytes[end - 1] & 0xFF) == 0xD9;
            case GIF -> end >= 1 && bytes[end - 1] == 0x3B;
            case PNG -> end >= 12 && bytes[end - 8] == 'I' && bytes[end - 7] == 'E' && bytes[end - 6] == 'N'
                    && bytes[end - 5] == 'D';
            case WEBP -> bytes.length >= 12 && MetadataStripper.littleEndianInt(bytes, 4) + 8L <= bytes.length;
        };
    }

    private static ApiException corrupt(ImageFormat format) {
        return new UnprocessableContentException("The " + format + " file could not be decoded: "
                + "it is truncated or corrupt.");
    }

    private static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif != null && exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            }
        } catch (Exception unreadableMetadata) {
            // No usable EXIF: the pixels are shown as stored.
        }
        return 1;
    }

    /**
     * An empty image of {@code like}'s layout (a JPEG's 3 bytes a pixel in BGR order stay so)
     * for a w x h image once an EXIF orientation (1-8) is applied.
     */
    private static BufferedImage turnedCanvas(BufferedImage like, int w, int h, int orientation) {
        boolean swap = orientation >= 5;
        WritableRaster raster = like.getRaster().createCompatibleWritableRaster(swap ? h : w, swap ? w : h);
        return new BufferedImage(like.getColorModel(), raster, like.isAlphaPremultiplied(), null);
    }

    /**
     * Places the rows of {@code rows} (rows {@code top}... of a w x h image) where the
     * orientation puts them in {@code target}: each becomes a row (orientations 2-4) or a
     * column (5-8), perhaps reversed.
     */
    private static void place(Raster rows, int top, int w, int h, int orientation, WritableRaster target) {
        boolean swap = orientation >= 5;
        // Whether a row runs backwards once placed, and whether rows are placed from the far end.
        boolean mirrored = orientation == 2 || orientation == 3 || orientation == 7 || orientation == 8;
        boolean flipped = orientation == 3 || orientation == 4 || orientation == 6 || orientation == 7;
        int n = rows.getNumDataElements();
        Object row = null;
        Object line = null;
        for (int r = 0; r < rows.getHeight(); r++) {
            row = rows.getDataElements(rows.getMinX(), rows.getMinY() + r, w, 1, row);
            if (line == null) {
                line = Array.newInstance(row.getClass().getComponentType(), w * n);
            }
            if (mirrored) {
                for (int x = 0; x < w; x++) {
                    System.arraycopy(row, x * n, line, (w - 1 - x) * n, n);
                }
            } else {
                System.arraycopy(row, 0, line, 0, w * n);
            }
            int y = top + r;
            int at = flipped ? h - 1 - y : y;
            if (swap) {
                target.setDataElements(at, 0, 1, w, line);
            } else {
                target.setDataElements(0, at, w, 1, line);
            }
        }
    }

    /** Every n-th pixel of every n-th row, as a subsampled read keeps, so no side is longer than {@code side}. */
    static BufferedImage subsample(BufferedImage image, int side) {
        int n = Math.max(1, (Math.max(image.getWidth(), image.getHeight()) + side - 1) / side);
        if (n == 1) {
            return image;
        }
        Raster source = image.getRaster();
        WritableRaster kept = source.createCompatibleWritableRaster((image.getWidth() + n - 1) / n,
                (image.getHeight() + n - 1) / n);
        Object pixel = null;
        for (int y = 0; y < kept.getHeight(); y++) {
            for (int x = 0; x < kept.getWidth(); x++) {
                pixel = source.getDataElements(x * n, y * n, pixel);
                kept.setDataElements(x, y, pixel);
            }
        }
        return new BufferedImage(image.getColorModel(), kept, image.isAlphaPremultiplied(), null);
    }

    static byte[] encode(BufferedImage image, ImageFormat format) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            if (format == ImageFormat.JPEG) {
                ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
                try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
                    writer.setOutput(stream);
                    ImageWriteParam params = writer.getDefaultWriteParam();
                    params.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                    params.setCompressionQuality(JPEG_QUALITY);
                    writer.write(null, new IIOImage(Resizer.withoutAlpha(image), null, null), params);
                } finally {
                    writer.dispose();
                }
            } else {
                ImageIO.write(image, "png", out);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String dominantColor(BufferedImage small) {
        long red = 0;
        long green = 0;
        long blue = 0;
        long count = 0;
        for (int pass = 0; pass < 2 && count == 0; pass++) {
            for (int y = 0; y < small.getHeight(); y++) {
                for (int x = 0; x < small.getWidth(); x++) {
                    int argb = small.getRGB(x, y);
                    // First pass: opaque pixels only, so transparent areas do not grey the colour.
                    if (pass == 1 || (argb >>> 24) >= 128) {
                        red += (argb >> 16) & 0xFF;
                        green += (argb >> 8) & 0xFF;
                        blue += argb & 0xFF;
                        count++;
                    }
                }
            }
        }
        return String.format("#%02x%02x%02x", red / count, green / count, blue / count);
    }
}
