package io.inkwell.image;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import io.inkwell.common.error.ApiException;
import io.trbl.blurhash.BlurHash;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Checks an upload by decoding it and prepares the bytes we serve: upright, without personal
 * metadata. Pure functions over bytes; no storage, no database.
 */
public final class ImageProcessor {

    static final float JPEG_QUALITY = 0.9f;

    private ImageProcessor() {
    }

    public record Processed(byte[] served, ImageFormat format, int width, int height, boolean animated,
            String dominantColor, String placeholder) {
    }

    static Processed process(byte[] upload, long maxPixels) {
        byte[] head = Arrays.copyOf(upload, Math.min(upload.length, 512));
        ImageFormat format = ImageFormat.sniff(head).orElseThrow(() -> ImageFormat.looksLikeSvg(head)
                ? new ApiException(415, "Unsupported Media Type", "SVG images are not accepted: they can carry "
                        + "scripts. Convert the drawing to PNG or WebP and upload that.")
                : new ApiException(415, "Unsupported Media Type", "The file is not a JPEG, PNG, GIF or WebP image "
                        + "(its content was checked, not its name)."));
        Decoded decoded = decode(upload, format, maxPixels);
        BufferedImage image = decoded.firstFrame();
        int orientation = format == ImageFormat.JPEG || format == ImageFormat.WEBP ? exifOrientation(upload) : 1;
        byte[] served;
        ImageFormat servedFormat = format;
        if (orientation > 1 && orientation <= 8 && !decoded.animated()) {
            // Rotating cannot be done on the compressed bytes, so the photo is re-encoded upright.
            image = upright(image, orientation);
            servedFormat = format.reencodedAs(image.getColorModel().hasAlpha());
            served = encode(image, servedFormat);
        } else {
            served = MetadataStripper.strip(upload, format);
        }
        BufferedImage small = Resizer.fit(image, 32);
        return new Processed(served, servedFormat, image.getWidth(), image.getHeight(), decoded.animated(),
                dominantColor(small), BlurHash.encode(small, 4, 3));
    }

    private record Decoded(BufferedImage firstFrame, boolean animated) {
    }

    private static Decoded decode(byte[] bytes, ImageFormat format, long maxPixels) {
        if (!hasTrailer(bytes, format)) {
            throw corrupt(format);
        }
        ImageReader reader = reader(format);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            long width = reader.getWidth(0);
            long height = reader.getHeight(0);
            // From the header only: a small file that claims a huge canvas never gets decoded.
            if (width * height > maxPixels) {
                throw new ApiException(422, "Unprocessable Content", "The image is " + width + " x " + height
                        + " pixels; at most " + maxPixels + " pixels are accepted.");
            }
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage frame = reader.read(0);
            if (!warnings.isEmpty()) {
                throw corrupt(format);
            }
            boolean animated = format == ImageFormat.GIF && reader.getNumImages(true) > 1;
            return new Decoded(frame, animated);
        } catch (ApiException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw corrupt(format);
        } finally {
            reader.dispose();
        }
    }

    /** The first frame of bytes stored earlier (already checked when uploaded). */
    static BufferedImage decodeFirstFrame(byte[] bytes, ImageFormat format) {
        ImageReader reader = reader(format);
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in);
            return reader.read(0);
        } catch (IOException e) {
            throw new IllegalStateException("Stored image could not be decoded", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader reader(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.toString());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        return readers.next();
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
        return new ApiException(422, "Unprocessable Content", "The " + format + " file could not be decoded: "
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

    /** Applies an EXIF orientation (1-8) so the pixels are stored the way the camera meant. */
    static BufferedImage upright(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        boolean swap = orientation >= 5;
        BufferedImage result = new BufferedImage(swap ? h : w, swap ? w : h,
                image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = result.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(image, transform, null);
        g.dispose();
        return result;
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
