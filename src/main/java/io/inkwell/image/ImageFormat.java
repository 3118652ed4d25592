package io.inkwell.image;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** The formats Inkwell accepts, recognised by their leading bytes, never by name or header. */
public enum ImageFormat {
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    GIF("image/gif", "gif"),
    WEBP("image/webp", "webp");

    private final String mediaType;
    private final String extension;

    ImageFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * What pixels from this format are encoded as when they must be (turned upright, resized):
     * JPEG stays JPEG, WebP without transparency becomes JPEG, anything that may be transparent PNG.
     */
    ImageFormat reencodedAs(boolean hasAlpha) {
        return this == JPEG || (this == WEBP && !hasAlpha) ? JPEG : PNG;
    }

    public static ImageFormat fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    static Optional<ImageFormat> sniff(byte[] head) {
        if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, 'G', 'I', 'F', '8')) {
            return Optional.of(GIF);
        }
        if (head.length >= 12 && startsWith(head, 'R', 'I', 'F', 'F')
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    static boolean looksLikeSvg(byte[] head) {
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        return text.contains("<svg");
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
