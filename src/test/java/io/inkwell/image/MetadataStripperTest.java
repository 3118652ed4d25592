package io.inkwell.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inkwell.support.Images;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** The one place where personal metadata leaves uploaded bytes that are served as they are. */
class MetadataStripperTest {

    @Test
    void jpegLosesExifAndCommentsAndKeepsThePicture() {
        byte[] photo = Images.withExifOrientation(Images.solidJpeg(16, 16, Color.RED), 1);
        byte[] commented = insertAfterSoi(photo, segment(0xFE, "shot at home".getBytes(StandardCharsets.ISO_8859_1)));
        assertTrue(contains(commented, "Exif") && contains(commented, "shot at home"), "the input has both");

        byte[] stripped = MetadataStripper.strip(commented, ImageFormat.JPEG);

        assertFalse(contains(stripped, "Exif"), "no EXIF block");
        assertFalse(contains(stripped, "shot at home"), "no comment");
        assertEquals(Images.decode(photo).getRGB(8, 8), Images.decode(stripped).getRGB(8, 8), "the same picture");
    }

    @Test
    void pngLosesTextChunksAndKeepsThePicture() {
        byte[] png = Images.halfTransparentPng(8, 8, Color.BLUE);
        byte[] tagged = insertPngChunk(png, "tEXt", "Author\0Ada at 51.5N 0.1W".getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(contains(tagged, "51.5N"));

        byte[] stripped = MetadataStripper.strip(tagged, ImageFormat.PNG);

        assertFalse(contains(stripped, "51.5N"));
        assertArrayEquals(png, stripped, "exactly the file without the chunk");
    }

    @Test
    void bytesWithNothingToRemoveAreReturnedAsTheyAre() {
        byte[] webp = Images.fixture("photo.webp");
        assertSame(webp, MetadataStripper.strip(webp, ImageFormat.WEBP));
        byte[] gif = Images.animatedGif(4, 4, Color.RED, Color.BLUE);
        assertSame(gif, MetadataStripper.strip(gif, ImageFormat.GIF));
    }

    private static byte[] segment(int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(marker);
        int length = payload.length + 2;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.writeBytes(segment);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** Puts a chunk right after IHDR (8-byte signature, then 25 bytes of IHDR). */
    private static byte[] insertPngChunk(byte[] png, String type, byte[] data) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        chunk.write(data.length >>> 24);
        chunk.write(data.length >>> 16);
        chunk.write(data.length >>> 8);
        chunk.write(data.length);
        byte[] typeBytes = type.getBytes(StandardCharsets.ISO_8859_1);
        chunk.writeBytes(typeBytes);
        chunk.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        long value = crc.getValue();
        chunk.write((int) (value >>> 24));
        chunk.write((int) (value >>> 16));
        chunk.write((int) (value >>> 8));
        chunk.write((int) value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, 33);
        out.writeBytes(chunk.toByteArray());
        out.write(png, 33, png.length - 33);
        return out.toByteArray();
    }

    private static boolean contains(byte[] bytes, String text) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
