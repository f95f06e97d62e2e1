package org.imagenetwds.sample;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;

import javax.imageio.ImageIO;

import org.imagenetwds.image.BicubicResampler;

/**
 * Altered copies of a photograph as they occur among ImageNet's synsets: resized, re-encoded at
 * another quality, slightly brighter or darker, Exif added. What near-duplicate detection must
 * find (its tests, and the threshold's measurement in bench).
 */
public final class AlteredCopies {

    private AlteredCopies() {
    }

    /**
     * {@code jpeg} decoded, resized by {@code scale} (antialiased bicubic, as Pillow's), its samples
     * multiplied by {@code 1 + brightness}, re-encoded at {@code quality}.
     *
     * @throws IOException when the JDK cannot decode {@code jpeg}
     */
    public static byte[] altered(byte[] jpeg, double scale, double brightness, int quality) throws IOException {
        BufferedImage source = ImageIO.read(new ByteArrayInputStream(jpeg));
        if (source == null) {
            throw new IOException("not an image the JDK decodes");
        }
        int w = source.getWidth();
        int h = source.getHeight();
        byte[] rgb = new byte[w * h * 3];
        int[] line = new int[w];
        for (int y = 0; y < h; y++) {
            source.getRGB(0, y, w, 1, line, 0, w);
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 3;
                rgb[i] = (byte) (line[x] >> 16);
                rgb[i + 1] = (byte) (line[x] >> 8);
                rgb[i + 2] = (byte) line[x];
            }
        }
        int dw = Math.max(1, (int) Math.round(w * scale));
        int dh = Math.max(1, (int) Math.round(h * scale));
        byte[] resized = BicubicResampler.resize(rgb, w, h, 3, dw, dh);
        BufferedImage out = new BufferedImage(dw, dh, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < dh; y++) {
            for (int x = 0; x < dw; x++) {
                int i = (y * dw + x) * 3;
                int r = brighten(resized[i], brightness);
                int g = brighten(resized[i + 1], brightness);
                int b = brighten(resized[i + 2], brightness);
                out.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return SyntheticImages.jpeg(out, quality);
    }

    /** An alteration drawn from the ranges the near-duplicate search is held to: scale 0.55–0.9, quality 55–92, brightness ±6 %, half of them with Exif added. */
    public static byte[] random(byte[] jpeg, Random random) throws IOException {
        double scale = 0.55 + 0.35 * random.nextDouble();
        int quality = 55 + random.nextInt(38);
        double brightness = (random.nextBoolean() ? 1 : -1) * 0.06 * random.nextDouble();
        byte[] copy = altered(jpeg, scale, brightness, quality);
        return random.nextBoolean() ? SyntheticImages.withExif(copy) : copy;
    }

    private static int brighten(byte sample, double brightness) {
        return (int) Math.max(0, Math.min(255, Math.round((sample & 0xFF) * (1 + brightness))));
    }
}
