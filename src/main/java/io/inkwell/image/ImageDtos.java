package io.inkwell.image;

import io.inkwell.common.web.MaxChars;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public final class ImageDtos {

    private ImageDtos() {
    }

    /** The editable fields; a PATCH is merged over the current ones ({@link io.inkwell.common.web.MergePatch}). */
    /** The longest alt text, of an image or of a post's feature image. */
    public static final int MAX_ALT_CHARS = 1000;
    public static final int MAX_CAPTION_CHARS = 5000;

    public record UpdateImageRequest(@MaxChars(MAX_ALT_CHARS) String alt, @MaxChars(MAX_CAPTION_CHARS) String caption) {

        static UpdateImageRequest of(Image image) {
            return new UpdateImageRequest(image.alt, image.caption);
        }
    }

    /** One width of an image, ready for {@code srcset}. */
    public record VariantView(int width, int height, String url) {
    }

    public record ImageView(UUID id, String filename, ImageFormat format, int width, int height, long bytes,
            String sha256, boolean animated, String alt, String caption, String dominantColor, String placeholder,
            String url, List<VariantView> variants, OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {
    }

    /** What a post shows of its feature image. External images have only url and alt. */
    public record FeatureImageView(UUID imageId, String url, String alt, Integer width, Integer height,
            String placeholder, String dominantColor, List<VariantView> variants) {
    }
}
