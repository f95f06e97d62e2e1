package org.imagenetwds.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import com.luciad.imageio.webp.WebPImageReaderSpi;

import org.imagenetwds.dataset.RejectReason;

/**
 * Proves a written WebP is what {@link WebpEncoder} writes and that it decodes: a simple-format lossy
 * file (one {@code VP8 } chunk filling the RIFF exactly, so no metadata chunk and no trailing bytes)
 * whose pixels the plugin's reader (libwebp) decodes in full. Unlike a JPEG's, its pixels are decoded
 * here: there is no cheaper proof, and libwebp decodes a 600-px image in a few milliseconds.
 */
public final class WrittenWebpCheck {

    private static final WebPImageReaderSpi READERS = new WebPImageReaderSpi();
    private static final int HEADER = 20; // RIFF, size, WEBP, chunk fourcc, chunk size

    private WrittenWebpCheck() {
    }

    /** The decoded size, {@code {width, height}}; a reason why the bytes are not a complete lossy WebP otherwise. */
    public static int[] check(byte[] webp) throws ImageRejectedException {
        if (webp.length < HEADER || !fourcc(webp, 0, "RIFF") || !fourcc(webp, 8, "WEBP")) {
            throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "not a RIFF/WEBP file");
        }
        if (!fourcc(webp, 12, "VP8 ")) {
            throw new ImageRejectedException(RejectReason.NOT_AN_IMAGE, "not a simple lossy WebP: first chunk is '"
                    + new String(webp, 12, 4, StandardCharsets.ISO_8859_1) + "' (extended or lossless format)");
        }
        long riff = le32(webp, 4) + 8;
        long chunk = HEADER + le32(webp, 16) + (le32(webp, 16) & 1); // chunks are padded to an even size
        if (riff != webp.length || chunk != webp.length) {
            throw new ImageRejectedException(RejectReason.TRUNCATED, "RIFF says " + riff + " bytes, VP8 chunk ends at "
                    + chunk + ", file has " + webp.length);
        }
        BufferedImage image;
        try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(webp))) {
            ImageReader reader = READERS.createReaderInstance(null);
            try {
                reader.setInput(iis, true, true);
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new ImageRejectedException(RejectReason.DECODE_ERROR, "libwebp cannot decode it: " + e.getMessage(), e);
        }
        return new int[] {image.getWidth(), image.getHeight()};
    }

    private static boolean fourcc(byte[] b, int at, String code) {
        return Arrays.equals(b, at, at + 4, code.getBytes(StandardCharsets.ISO_8859_1), 0, 4);
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
