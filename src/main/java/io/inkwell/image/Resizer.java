package io.inkwell.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** High-quality downscaling: halving steps with bilinear filtering, never upscaling. */
final class Resizer {

    private Resizer() {
    }

    /** Scales so the longer side is at most {@code maxSide}. */
    static BufferedImage fit(BufferedImage image, int maxSide) {
        int longer = Math.max(image.getWidth(), image.getHeight());
        if (longer <= maxSide) {
            return image;
        }
        double scale = (double) maxSide / longer;
        return toSize(image, Math.max(1, (int) Math.round(image.getWidth() * scale)),
                Math.max(1, (int) Math.round(image.getHeight() * scale)));
    }

    static BufferedImage toWidth(BufferedImage image, int width) {
        if (width >= image.getWidth()) {
            return image;
        }
        int height = Math.max(1, (int) Math.round((double) image.getHeight() * width / image.getWidth()));
        return toSize(image, width, height);
    }

    private static BufferedImage toSize(BufferedImage image, int targetWidth, int targetHeight) {
        BufferedImage current = image;
        int type = image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        int width = image.getWidth();
        int height = image.getHeight();
        // One bilinear step from far away aliases; halving first keeps fine detail smooth.
        do {
            width = Math.max(targetWidth, width / 2);
            height = Math.max(targetHeight, height / 2);
            BufferedImage next = new BufferedImage(width, height, type);
            Graphics2D g = next.createGraphics();
            highQuality(g);
            g.drawImage(current, 0, 0, width, height, null);
            g.dispose();
            current = next;
        } while (width != targetWidth || height != targetHeight);
        return current;
    }

    /** The rendering every resize step uses: bilinear, quality first. */
    static void highQuality(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    }

    /**
     * JPEG has no alpha channel: transparent pixels become white rather than black. An opaque
     * image in a layout the JPEG writer takes as it is (int RGB, 3-byte BGR, grey) is not copied.
     */
    static BufferedImage withoutAlpha(BufferedImage image) {
        int type = image.getType();
        if (!image.getColorModel().hasAlpha() && (type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_3BYTE_BGR || type == BufferedImage.TYPE_BYTE_GRAY)) {
            return image;
        }
        BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = opaque.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return opaque;
    }
}
