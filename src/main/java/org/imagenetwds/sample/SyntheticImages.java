package org.imagenetwds.sample;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;

import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.JpegMetadataStripper;

/**
 * Image bytes for generated inputs: rendered pictures encoded as JPEG, PNG or GIF, and the odd JPEGs
 * real data holds (4-component, Exif-laden, truncated, a dimension bomb). The same arguments always
 * give the same bytes.
 */
public final class SyntheticImages {

    private static final byte[] DIMENSION_BOMB = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8,
            (byte) 0xFD, (byte) 0xE8, (byte) 0xFD, (byte) 0xE8, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1};

    private SyntheticImages() {
    }

    /** A gradient with six ovals, all colours drawn from {@code seed}. */
    public static BufferedImage render(int w, int h, boolean grey, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, grey ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(0xffffff)), w, h, new Color(r.nextInt(0xffffff))));
            g.fillRect(0, 0, w, h);
            for (int i = 0; i < 6; i++) {
                g.setColor(new Color(r.nextInt(0xffffff)));
                int x = r.nextInt(w);
                int y = r.nextInt(h);
                g.fillOval(x - w / 8, y - h / 8, 1 + r.nextInt(w / 3 + 1), 1 + r.nextInt(h / 3 + 1));
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * A flat {@code background} with one oval from {@code seed} in the middle half: the corners keep
     * the background through JPEG, so a reader can tell which colour (and so which class) an image has.
     */
    public static BufferedImage onBackground(int w, int h, Color background, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        try {
            g.setColor(background);
            g.fillRect(0, 0, w, h);
            g.setColor(new Color(r.nextInt(0xffffff)));
            g.fillOval(w / 4 + r.nextInt(w / 8 + 1), h / 4 + r.nextInt(h / 8 + 1),
                    1 + r.nextInt(w / 4 + 1), 1 + r.nextInt(h / 4 + 1));
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Baseline JPEG by the first ImageIO writer, at {@code quality} percent. */
    public static byte[] jpeg(BufferedImage img, int quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.setOutput(ios);
            writer.write(null, new IIOImage(img, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The image in another ImageIO format ({@code png}, {@code gif}). */
    public static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return out.toByteArray();
    }

    /**
     * A 4-component JPEG written by the JDK's writer from stored values (no colour conversion); with
     * {@code adobeTransform} >= 0 an Adobe APP14 segment says how to read them (0: CMYK, 2: YCCK).
     */
    public static byte[] fourComponentJpeg(int w, int h, int[] stored, int adobeTransform) throws IOException {
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                raster.setPixel(x, y, stored);
            }
        }
        ImageWriter writer = null;
        for (var it = ImageIO.getImageWritersByFormatName("jpeg"); it.hasNext();) {
            ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.")) {
                writer = candidate; // the JDK's writer takes rasters as they are
            }
        }
        if (writer == null) {
            throw new IOException("the JDK's JPEG writer is missing");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        if (adobeTransform < 0) {
            return out.toByteArray();
        }
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) adobeTransform};
        return withSegment(out.toByteArray(), 0xEE, adobe);
    }

    /** Inserts an APP1 Exif segment (big-endian TIFF, one Make tag) right after SOI. */
    public static byte[] withExif(byte[] jpeg) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x0F, 0, 2, 0, 0, 0, 4, 'A', 'C', 'M', 0, 0, 0, 0, 0};
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        payload.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        payload.writeBytes(tiff);
        return withSegment(jpeg, 0xE1, payload.toByteArray());
    }

    /** Inserts a marker segment with the payload right after SOI. */
    public static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        return withSegment(jpeg, 2, marker, payload);
    }

    private static byte[] withSegment(byte[] jpeg, int at, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, at);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xff);
        out.writeBytes(payload);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /**
     * {@code jpeg} as a download that stopped at two thirds of its length, inside its header segments:
     * a comment before the scan (as large photo metadata sits there) holds the cut, so libjpeg stops
     * on the file, nothing to decode (a file cut inside its scan data is repaired instead:
     * {@link org.imagenetwds.image.RepairKind#TRUNCATED_SCAN}). Of the same length as the plain cut
     * earlier versions made, so the generated inputs' members keep their offsets and sizes.
     */
    public static byte[] truncated(byte[] jpeg) {
        int length = jpeg.length * 2 / 3;
        byte[] comment = new byte[Math.min(length, 0xFFFF - 2)];
        Arrays.fill(comment, (byte) ' ');
        try {
            return Arrays.copyOf(withSegment(jpeg, JpegMetadataStripper.strip(jpeg).scanOffset(), 0xFE, comment), length);
        } catch (ImageRejectedException e) {
            throw new IllegalArgumentException("not a whole JPEG: " + e.getMessage(), e);
        }
    }

    /** A JPEG header claiming 65000 x 65000 pixels and nothing after it. */
    public static byte[] dimensionBomb() {
        return DIMENSION_BOMB.clone();
    }
}
