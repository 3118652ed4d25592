package io.inkwell.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Removes metadata blocks (EXIF with GPS and serial numbers, XMP, IPTC, text comments) from
 * the compressed bytes, so images that need no rotation are served without re-encoding.
 * Bytes with nothing to remove are returned as they are, not copied.
 */
final class MetadataStripper {

    private static final Set<String> PNG_DROPPED_CHUNKS = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");
    private static final Set<String> WEBP_DROPPED_CHUNKS = Set.of("EXIF", "XMP ");

    private MetadataStripper() {
    }

    static byte[] strip(byte[] bytes, ImageFormat format) {
        return switch (format) {
            case JPEG -> stripJpeg(bytes);
            case PNG -> stripPng(bytes);
            case WEBP -> stripWebp(bytes);
            case GIF -> bytes;
        };
    }

    /** Keeps every segment but APP1 (EXIF, XMP), APP13 (IPTC) and COM, up to the image data. */
    private static byte[] stripJpeg(byte[] bytes) {
        Kept kept = new Kept(bytes);
        kept.add(0, 2);
        int position = 2;
        while (position + 4 <= bytes.length && (bytes[position] & 0xFF) == 0xFF) {
            int marker = bytes[position + 1] & 0xFF;
            if (marker == 0xDA) {
                break;
            }
            int length = ((bytes[position + 2] & 0xFF) << 8) | (bytes[position + 3] & 0xFF);
            int next = position + 2 + length;
            if (length < 2 || next > bytes.length) {
                break;
            }
            boolean personal = marker == 0xE1 || marker == 0xED || marker == 0xFE;
            if (!personal) {
                kept.add(position, next);
            }
            position = next;
        }
        kept.add(position, bytes.length);
        return kept.bytes();
    }

    private static byte[] stripPng(byte[] bytes) {
        Kept kept = new Kept(bytes);
        kept.add(0, 8);
        int position = 8;
        while (position + 12 <= bytes.length) {
            int length = bigEndianInt(bytes, position);
            String type = new String(bytes, position + 4, 4, StandardCharsets.ISO_8859_1);
            int next = position + 12 + length;
            if (length < 0 || next > bytes.length) {
                break;
            }
            if (!PNG_DROPPED_CHUNKS.contains(type)) {
                kept.add(position, next);
            }
            position = next;
        }
        kept.add(position, bytes.length);
        return kept.bytes();
    }

    private static byte[] stripWebp(byte[] bytes) {
        if (webpChunks(bytes).stream().noneMatch(WEBP_DROPPED_CHUNKS::contains)) {
            return bytes;
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length);
        int position = 12;
        while (position + 8 <= bytes.length) {
            String fourcc = new String(bytes, position, 4, StandardCharsets.ISO_8859_1);
            int size = littleEndianInt(bytes, position + 4);
            int next = position + 8 + size + (size & 1);
            if (size < 0 || position + 8 + size > bytes.length) {
                break;
            }
            next = Math.min(next, bytes.length);
            if (!WEBP_DROPPED_CHUNKS.contains(fourcc)) {
                int start = body.size();
                body.write(bytes, position, next - position);
                if (fourcc.equals("VP8X")) {
                    byte[] written = body.toByteArray();
                    // Clear the "has EXIF" and "has XMP" flags of the extended header.
                    written[start + 8] = (byte) (written[start + 8] & ~0x0C);
                    body.reset();
                    body.write(written, 0, written.length);
                }
            }
            position = next;
        }
        byte[] chunks = body.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream(chunks.length + 12);
        out.write(bytes, 0, 4);
        int riffSize = chunks.length + 4;
        out.write(new byte[] {(byte) riffSize, (byte) (riffSize >> 8), (byte) (riffSize >> 16), (byte) (riffSize >> 24)}, 0, 4);
        out.write(bytes, 8, 4);
        out.write(chunks, 0, chunks.length);
        return out.toByteArray();
    }

    /** The four-character codes of a WebP file's chunks, in order (VP8, VP8L, VP8X, EXIF...). */
    static Set<String> webpChunks(byte[] bytes) {
        Set<String> chunks = new LinkedHashSet<>();
        int position = 12;
        while (position + 8 <= bytes.length) {
            chunks.add(new String(bytes, position, 4, StandardCharsets.ISO_8859_1));
            int size = littleEndianInt(bytes, position + 4);
            if (size < 0) {
                break;
            }
            position += 8 + size + (size & 1);
        }
        return chunks;
    }

    /** The ranges of an array to keep, in order; copied only when something is left out. */
    private static final class Kept {
        private final byte[] bytes;
        private int[] ranges = new int[32];
        private int count;
        private long total;

        Kept(byte[] bytes) {
            this.bytes = bytes;
        }

        void add(int from, int to) {
            if (to <= from) {
                return;
            }
            if (count > 0 && ranges[2 * count - 1] == from) {
                ranges[2 * count - 1] = to;
            } else {
                if (2 * count + 2 > ranges.length) {
                    ranges = Arrays.copyOf(ranges, 2 * ranges.length);
                }
                ranges[2 * count] = from;
                ranges[2 * count + 1] = to;
                count++;
            }
            total += to - from;
        }

        byte[] bytes() {
            if (total == bytes.length) {
                return bytes;
            }
            byte[] out = new byte[(int) total];
            int at = 0;
            for (int i = 0; i < count; i++) {
                int length = ranges[2 * i + 1] - ranges[2 * i];
                System.arraycopy(bytes, ranges[2 * i], out, at, length);
                at += length;
            }
            return out;
        }
    }

    private static int bigEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16 | (bytes[offset + 2] & 0xFF) << 8
                | (bytes[offset + 3] & 0xFF);
    }

    static int littleEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8 | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
