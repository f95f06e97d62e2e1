package org.imagenetwds.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.luciad.imageio.webp.WebPImageWriterSpi;
import com.luciad.imageio.webp.WebPWriteParam;

/**
 * Encodes decoded pixels as a lossy WebP with Pillow's defaults ({@code Image.save(f, "WEBP")}:
 * quality 80, method 4), through the ImageIO plugin {@code com.github.usefulness:webp-imageio},
 * whose jar bundles libwebp for linux x86-64 and aarch64. The output is a simple-format lossy
 * file ({@code RIFF/WEBP/VP8 }): no ICC, Exif or XMP chunk, so pixels must already be sRGB.
 */
public final class WebpEncoder {

    /** Pillow's default {@code quality} for WebP (libwebp's own is 75). */
    public static final int QUALITY = 80;
    /** Pillow's default {@code method}, libwebp's too: the speed/size trade-off, 0..6. */
    public static final int METHOD = 4;
    /** libwebp's WEBP_MAX_DIMENSION: a side above this cannot be encoded. */
    public static final int MAX_SIDE = 16383;

    // one provider, chosen by class like the JDK's JPEG writer: bytes never depend on registration order
    private static final WebPImageWriterSpi WRITERS = new WebPImageWriterSpi();

    private WebpEncoder() {
    }

    /** @param pixels grey or in-order RGB, sRGB (WebP has no grey: grey is written as R = G = B, as Pillow does) */
    public static byte[] encode(JpegCodec.Pixels pixels) {
        if (pixels.width() > MAX_SIDE || pixels.height() > MAX_SIDE) {
            throw new IllegalArgumentException("WebP holds at most " + MAX_SIDE + " px a side, got "
                    + pixels.width() + "x" + pixels.height());
        }
        BufferedImage image = JpegCodec.image(pixels.width(), pixels.height(), 3, rgb(pixels));
        ByteArrayOutputStream out = new ByteArrayOutputStream(pixels.width() * pixels.height() / 8);
        ImageWriter writer = WRITERS.createWriterInstance(null);
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), param());
        } catch (IOException e) {
            throw new IllegalStateException("WebP encode failed in memory", e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** Lossy, quality 80, method 4; everything else libwebp's WebPConfigInit defaults, as Pillow leaves them. */
    static WebPWriteParam param() {
        WebPWriteParam param = new WebPWriteParam(Locale.ROOT);
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionType("Lossy");
        param.setCompressionQuality(QUALITY / 100f);
        param.setMethod(METHOD);
        return param;
    }

    private static byte[] rgb(JpegCodec.Pixels pixels) {
        if (pixels.channels() == 3) {
            return pixels.data();
        }
        byte[] grey = pixels.data();
        byte[] rgb = new byte[grey.length * 3];
        for (int i = 0, o = 0; i < grey.length; i++, o += 3) {
            rgb[o] = grey[i];
            rgb[o + 1] = grey[i];
            rgb[o + 2] = grey[i];
        }
        return rgb;
    }
}
