package org.imagenetwds.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.image.jpeg.DcImage;
import org.imagenetwds.image.jpeg.JpegCheck;

/**
 * What finds an image's copies: {@code sha256} of its content (a JPEG's bytes once
 * {@link JpegMetadataStripper} has stripped them, so that files differing only in Exif are exact
 * copies; any other file's bytes as they are), and two 64-bit perceptual hashes of its luma at 1/8
 * scale ({@link LumaHashes}): {@code dcHash} (DCT of the image at 32×32) finds resized,
 * re-encoded and brightened copies, {@code gradientHash} (brighter-than-left at 9×8) rejects the
 * rare distinct pair whose {@code dcHash}es agree by chance.
 *
 * <p>A JPEG the decodability check reads is hashed from its DC coefficients, decoded anyway by the
 * check (a CMYK file from its first component); any other image from its decoded pixels' 8×8
 * block means, the same quantity.
 */
public record ImageFingerprint(String sha256, long dcHash, long gradientHash) implements java.io.Serializable {

    /**
     * Hamming distance of {@code dcHash} at or below which two images are near copies (if their
     * {@code gradientHash}es agree too): measured on real ImageNet samples, docs/DESIGN.md.
     */
    public static final int NEAR_DISTANCE = 6;
    /** Hamming distance of {@code gradientHash} at or below which a near pair is confirmed. */
    public static final int NEAR_GRADIENT_DISTANCE = 6;

    public ImageFingerprint {
        if (sha256 == null || sha256.length() != 64) {
            throw new IllegalArgumentException("sha256 must be 64 hex digits: " + sha256);
        }
    }

    /**
     * Checks {@code jpeg} as {@link JpegDecodabilityCheck#check(byte[])} does and fingerprints it
     * in the same pass.
     *
     * @throws ImageRejectedException as the check
     */
    public static ImageFingerprint ofDecodableJpeg(byte[] jpeg) throws ImageRejectedException {
        JpegCheck.Outcome o = JpegCheck.examine(jpeg, ImageTransformer.DEFAULT_TIME_LIMIT);
        if (o.problem() != null) {
            throw o.problem();
        }
        // a sequential file whose scans never code its first component has no DC image: decoded instead
        return o.luma() != null ? fromDc(exactHash(jpeg), o.luma()) : decoded(jpeg);
    }

    /**
     * The fingerprint of any image file (an evaluation image, a PNG named .JPEG, a damaged JPEG
     * Java's decoder still reads); null when it is not an image this can decode.
     */
    public static ImageFingerprint of(byte[] file) {
        if (ImageProbe.sniff(file) == ImageFormat.JPEG) {
            JpegCheck.Outcome o = JpegCheck.examine(file, ImageTransformer.DEFAULT_TIME_LIMIT);
            if (o.problem() == null && o.luma() != null) {
                return fromDc(exactHash(file), o.luma());
            }
        }
        return decoded(file);
    }

    /** By Java's decoders (ImageIO with the readers on the classpath), or null. */
    private static ImageFingerprint decoded(byte[] file) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
        return image == null ? null : fromPixels(exactHash(file), image);
    }

    /** Hamming distance of the {@code dcHash}es: 0 to 64. */
    public int distance(ImageFingerprint other) {
        return Long.bitCount(dcHash ^ other.dcHash);
    }

    public boolean isExact(ImageFingerprint other) {
        return sha256.equals(other.sha256);
    }

    /** The same content, or the same picture altered (resized, re-encoded, brightened). */
    public boolean isNear(ImageFingerprint other) {
        return isExact(other) || (distance(other) <= NEAR_DISTANCE
                && Long.bitCount(gradientHash ^ other.gradientHash) <= NEAR_GRADIENT_DISTANCE);
    }

    private static ImageFingerprint fromDc(String sha256, DcImage dc) {
        double[] values = new double[dc.columns() * dc.rows()];
        for (int y = 0; y < dc.rows(); y++) {
            for (int x = 0; x < dc.columns(); x++) {
                values[y * dc.columns() + x] = dc.value(x, y);
            }
        }
        return new ImageFingerprint(sha256,
                LumaHashes.dct(values, dc.columns(), dc.rows(), dc.extentAcross(), dc.extentDown()),
                LumaHashes.gradient(values, dc.columns(), dc.rows(), dc.extentAcross(), dc.extentDown()));
    }

    /** The mean luma (BT.601, as JPEG's Y) of each 8×8 block. */
    private static ImageFingerprint fromPixels(String sha256, BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int columns = (width + 7) / 8;
        int rows = (height + 7) / 8;
        double[] sums = new double[columns * rows];
        int[] counts = new int[columns * rows];
        int[] line = new int[width];
        // a grey image's samples as they are: getRGB would map them through the linear grey colour space
        boolean grey = image.getType() == BufferedImage.TYPE_BYTE_GRAY;
        for (int y = 0; y < height; y++) {
            if (grey) {
                image.getRaster().getSamples(0, y, width, 1, 0, line);
            } else {
                image.getRGB(0, y, width, 1, line, 0, width);
            }
            for (int x = 0; x < width; x++) {
                int rgb = line[x];
                double luma = grey ? rgb : 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
                int cell = (y / 8) * columns + x / 8;
                sums[cell] += luma;
                counts[cell]++;
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] /= counts[i];
        }
        double across = width / 8.0;
        double down = height / 8.0;
        return new ImageFingerprint(sha256, LumaHashes.dct(sums, columns, rows, across, down),
                LumaHashes.gradient(sums, columns, rows, across, down));
    }

    private static String exactHash(byte[] file) {
        if (ImageProbe.sniff(file) == ImageFormat.JPEG) {
            try {
                return Sha256.hex(JpegMetadataStripper.strippedSha256(file));
            } catch (ImageRejectedException unstrippable) {
                // hashed as it is: a damaged file is at worst no exact copy of its clean twin
            }
        }
        return Sha256.of(file);
    }
}
