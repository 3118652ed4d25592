package io.inkwell.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Images;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** How much heap decoding takes, and what happens when the heap is too small (plain JUnit). */
class ImageProcessorTest {

    private static final long MAX_PIXELS = 60_000_000;
    private static final DecodeHeap PLENTY = DecodeHeap.of(1L << 40);

    @Test
    void largePngIsCheckedWithinAFewMegabytes() {
        byte[] png = Images.framedPng(5000, 5000, Color.BLUE, Color.ORANGE);
        ImageProcessor.Processed processed = ImageProcessor.process(png, MAX_PIXELS, DecodeHeap.of(8L << 20));
        assertEquals(5000, processed.width());
        assertEquals(5000, processed.height());
        assertSame(png, processed.served(), "nothing to strip: the upload is served as it is, not copied");
        assertEquals(ImageProcessor.process(png, MAX_PIXELS, PLENTY).placeholder(), processed.placeholder());
    }

    @Test
    void sidewaysPhotoIsTurnedInBandsWhenTheHeapCannotHoldItTwice() {
        byte[] photo = Images.withExifOrientation(markedJpeg(1200, 800), 6);
        // The decoded photo takes 2.9 MB (3 bytes a pixel): not twice in 4.5 MB, but once and a band.
        ImageProcessor.Processed banded = ImageProcessor.process(photo, MAX_PIXELS, DecodeHeap.of(4_500_000));
        ImageProcessor.Processed whole = ImageProcessor.process(photo, MAX_PIXELS, PLENTY);

        assertEquals(800, banded.width());
        assertEquals(1200, banded.height());
        BufferedImage upright = Images.decode(banded.served());
        assertTrue(Images.isReddish(upright.getRGB(795, 5)), "the red corner is top-right once upright");
        assertTrue(Images.isBluish(upright.getRGB(5, 5)));
        assertTrue(Images.isBluish(upright.getRGB(795, 1195)));
        assertArrayEquals(whole.served(), banded.served(), "bands give the same pixels as one decode");
    }

    @Test
    void photoThatCannotBeTurnedWithinTheHeapIsRefusedWith413NamingTheLimit() {
        byte[] photo = Images.withExifOrientation(Images.framedJpeg(2000, 2000, Color.BLUE, Color.RED), 6);
        InsufficientHeapException refused = assertThrows(InsufficientHeapException.class,
                () -> ImageProcessor.process(photo, MAX_PIXELS, DecodeHeap.of(8L << 20)));
        assertEquals(413, refused.status());
        assertEquals("Content Too Large", refused.title());
        assertTrue(refused.getMessage().startsWith("The image has 4.0 megapixels (2000 x 2000); turning it upright "
                + "needs about "), refused.getMessage());
        assertTrue(refused.getMessage().contains("at most 2.2 megapixels") && refused.getMessage().contains("-Xmx"),
                refused.getMessage());
        assertTrue(refused.logMessage().contains("Raise -Xmx"), refused.logMessage());
    }

    @Test
    void webpIsRefusedFromItsHeaderWhenItsDecoderWouldNotFit() {
        // The WebP decoder keeps about 28 bytes for every pixel of a lossy image: 2.2 MB for 320 x 240.
        InsufficientHeapException refused = assertThrows(InsufficientHeapException.class,
                () -> ImageProcessor.process(Images.fixture("photo.webp"), MAX_PIXELS, DecodeHeap.of(1L << 20)));
        assertEquals(413, refused.status());
        assertEquals(320, ImageProcessor.process(Images.fixture("photo.webp"), MAX_PIXELS, DecodeHeap.of(4L << 20))
                .width());
    }

    @Test
    void variantIsMadeInBandsWhenTheImageCannotBeHeldWhole() throws IOException {
        BufferedImage pattern = new BufferedImage(3000, 2000, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < pattern.getHeight(); y++) {
            for (int x = 0; x < pattern.getWidth(); x++) {
                pattern.setRGB(x, y, ((x * 7) & 255) << 16 | ((y * 5) & 255) << 8 | ((x ^ y) & 255));
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(pattern, "png", png);

        // Whole: 18 MB decoded and 9.8 MB for the variant; in bands: the variant and two bands.
        BufferedImage banded = ImageProcessor.variant(png.toByteArray(), ImageFormat.PNG, 1920, DecodeHeap.of(20L << 20));
        BufferedImage whole = ImageProcessor.variant(png.toByteArray(), ImageFormat.PNG, 1920, PLENTY);

        assertEquals(1920, banded.getWidth());
        assertEquals(1280, banded.getHeight());
        int largest = 0;
        for (int y = 0; y < whole.getHeight(); y++) {
            for (int x = 0; x < whole.getWidth(); x++) {
                int a = whole.getRGB(x, y);
                int b = banded.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    largest = Math.max(largest, Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF)));
                }
            }
        }
        assertTrue(largest <= 1, "bands scale like one pass, no seams (largest difference " + largest + ")");
    }

    @Test
    void variantThatCannotFitIsRefusedWith503() {
        byte[] png = Images.framedPng(3000, 2000, Color.BLUE, Color.ORANGE);
        InsufficientHeapException refused = assertThrows(InsufficientHeapException.class,
                () -> ImageProcessor.variant(png, ImageFormat.PNG, 1920, DecodeHeap.of(1L << 20)));
        assertEquals(503, refused.status());
    }

    @Test
    void runningOutOfHeapIsRecognisedHoweverTheDecoderWrapsIt() {
        // The JDK's PNG reader turns anything thrown while decoding into an IIOException.
        assertTrue(ImageProcessor.causedByOutOfMemory(new IIOException("Caught exception during read: ",
                new OutOfMemoryError("Java heap space"))));
        assertTrue(!ImageProcessor.causedByOutOfMemory(new IIOException("Error reading PNG image data")));
    }

    /** Blue with a red 100 x 100 square at the top-left of the stored pixels. */
    private static byte[] markedJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        g.setColor(Color.BLUE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.dispose();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "jpeg", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
