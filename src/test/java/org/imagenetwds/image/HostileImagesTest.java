package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.List;

import javax.imageio.ImageIO;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.testing.Libjpeg;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

/** Every odd or hostile image the rules must handle, each with its asserted outcome. */
class HostileImagesTest {

    private final ImageRules rules = ImageRules.defaults();

    private TransformedImage converted(byte[] source, String what) throws Exception {
        TransformedImage t = rules.apply(source);
        Libjpeg.assertDecodes(t.bytes(), what);
        ImageHeader h = ImageProbe.probe(t.bytes());
        assertTrue(h.isPlainJpeg(), what + " became " + h);
        return t;
    }

    private static int[] centrePixelRgb(byte[] jpeg) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(jpeg));
        int rgb = img.getRGB(img.getWidth() / 2, img.getHeight() / 2);
        return new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
    }

    @Test
    void cmykAndYcckJpegsBecomeRgbJpegs() throws Exception {
        // Adobe CMYK stores inverted ink: pure cyan is C=0 stored, M=Y=K=255 stored
        byte[] cmyk = TestImages.fourComponentJpeg(160, 120, new int[] {0, 255, 255, 255}, 0);
        TransformedImage t = converted(cmyk, "CMYK");
        assertEquals(ImageAction.CONVERTED, t.action());
        assertEquals(3, ImageProbe.probe(t.bytes()).components());
        int[] rgb = centrePixelRgb(t.bytes());
        assertTrue(rgb[0] < 90 && rgb[1] > 120 && rgb[2] > 180, "cyan came out as " + Arrays.toString(rgb));

        converted(TestImages.fourComponentJpeg(160, 120, new int[] {90, 128, 128, 40}, 2), "YCCK");
        converted(TestImages.fourComponentJpeg(160, 120, new int[] {10, 20, 30, 40}, -1), "CMYK without Adobe marker");
    }

    @Test
    void aCmykJpegWithABrokenOrForeignIccProfileIsStillConvertedAndTheProfileNotCarried() throws Exception {
        byte[] cmyk = TestImages.fourComponentJpeg(700, 650, new int[] {0, 255, 255, 255}, 0);
        byte[] broken = TestImages.withSegment(cmyk, 0xE2, TestImages.iccChunk(1, 1, TestImages.fakeProfile("CMYK", 300)));
        TransformedImage t = converted(broken, "CMYK with broken ICC");
        assertEquals(ImageAction.RESIZED, t.action());
        assertTrue(JpegMetadataStripper.iccSegments(t.bytes()).isEmpty(), "a CMYK profile must not label RGB output");
    }

    @Test
    void pngGifBmpPaletteSixteenBitAndAlphaBecomeJpegs() throws Exception {
        BufferedImage rgb = TestImages.gradient(300, 200, BufferedImage.TYPE_3BYTE_BGR);
        for (String format : List.of("png", "gif", "bmp")) {
            assertEquals(ImageAction.CONVERTED, converted(TestImages.encode(rgb, format), format).action());
        }
        assertEquals(3, ImageProbe.probe(converted(TestImages.encode(
                TestImages.gradient(200, 100, BufferedImage.TYPE_BYTE_INDEXED), "png"), "palette PNG").bytes()).components());
        TransformedImage grey16 = converted(TestImages.encode(
                TestImages.gradient(900, 700, BufferedImage.TYPE_USHORT_GRAY), "png"), "16-bit grey PNG");
        assertEquals(1, ImageProbe.probe(grey16.bytes()).components());
        assertEquals(600, grey16.height());
        // a transparent PNG is flattened onto white
        BufferedImage clear = new BufferedImage(100, 100, BufferedImage.TYPE_INT_ARGB);
        int[] white = centrePixelRgb(converted(TestImages.encode(clear, "png"), "transparent PNG").bytes());
        assertTrue(white[0] > 245 && white[1] > 245 && white[2] > 245, Arrays.toString(white));
    }

    @Test
    void progressiveJpegsAreKeptOrResizedLikeBaselineOnes() throws Exception {
        byte[] small = TestImages.progressiveJpeg(TestImages.gradient(400, 300, BufferedImage.TYPE_3BYTE_BGR));
        assertEquals(ImageHeader.JpegProcess.PROGRESSIVE, ImageProbe.probe(small).jpegProcess());
        TransformedImage kept = rules.apply(small);
        assertArrayEquals(small, kept.bytes());
        TransformedImage resized = converted(TestImages.progressiveJpeg(TestImages.gradient(1200, 900, BufferedImage.TYPE_3BYTE_BGR)),
                "large progressive");
        assertEquals(ImageAction.RESIZED, resized.action());
        assertEquals(ImageHeader.JpegProcess.BASELINE, ImageProbe.probe(resized.bytes()).jpegProcess());
    }

    @Test
    void exifWithGpsAndThumbnailXmpIptcAndCommentsAreRemovedIccChunksKeptInOrder() throws Exception {
        byte[] thumbnail = TestImages.jpeg(40, 30);
        byte[] base = TestImages.jpeg(500, 400);
        byte[] chunk1 = TestImages.iccChunk(1, 2, TestImages.fakeProfile("RGB ", 60_000));
        byte[] chunk2 = TestImages.iccChunk(2, 2, new byte[5000]);
        byte[] src = TestImages.withSegment(base, 0xE2, chunk2); // inserted after SOI: chunk2 ends up second
        src = TestImages.withSegment(src, 0xE2, chunk1);
        src = TestImages.withSegment(src, 0xFE, TestImages.ascii("comment"));
        src = TestImages.withSegment(src, 0xED, TestImages.ascii("Photoshop 3.0\08BIM\4\4"));
        src = TestImages.withSegment(src, 0xE1, TestImages.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        src = TestImages.withSegment(src, 0xE1, TestImages.exifWithGpsAndThumbnail(thumbnail));
        TransformedImage t = converted(src, "metadata-laden JPEG");
        assertEquals(ImageAction.STRIPPED, t.action());
        List<byte[]> icc = JpegMetadataStripper.iccSegments(t.bytes());
        assertEquals(2, icc.size());
        assertEquals(1, icc.get(0)[16]);
        assertEquals(2, icc.get(1)[16]);
        String text = new String(t.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String gone : List.of("Exif", "xmpmeta", "Photoshop", "comment")) {
            assertTrue(!text.contains(gone), gone + " survived");
        }
        assertEquals(src.length - t.bytes().length, 2 + 2 + TestImages.exifWithGpsAndThumbnail(thumbnail).length
                + 4 + "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".length() + 4 + "Photoshop 3.0\08BIM\4\4".length() + 4 + 7);

        // the same on the resize path: decoded without the profile, which is carried to the output
        byte[] large = TestImages.withSegment(TestImages.withSegment(TestImages.jpeg(1000, 800), 0xE2, chunk2), 0xE2, chunk1);
        TransformedImage r = converted(large, "large JPEG with a two-chunk RGB profile");
        assertEquals(ImageAction.RESIZED, r.action());
        List<byte[]> carried = JpegMetadataStripper.iccSegments(r.bytes());
        assertEquals(2, carried.size());
        assertArrayEquals(chunk1, Arrays.copyOfRange(carried.get(0), 4, carried.get(0).length));
    }

    @Test
    void greyJpegsStayGreyAndAreResizedAsGrey() throws Exception {
        byte[] grey = TestImages.jpeg(TestImages.gradient(800, 1000, BufferedImage.TYPE_BYTE_GRAY));
        TransformedImage t = converted(grey, "grey JPEG");
        assertEquals(1, ImageProbe.probe(t.bytes()).components());
        assertEquals(600, t.width());
        assertEquals(750, t.height());
    }

    @Test
    void losslessArithmeticAndTwelveBitJpegsAreNeverCopiedAsIs() throws Exception {
        byte[] base = TestImages.jpeg(200, 150);
        for (int sof : new int[] {0xC3, 0xC9, 0xC1}) {
            byte[] variant = base.clone();
            int at = sofOffset(variant);
            variant[at + 1] = (byte) sof;
            if (sof == 0xC1) {
                variant[at + 4] = 12; // 12-bit precision
            }
            ImageHeader h = ImageProbe.probe(variant);
            assertTrue(!h.isPlainJpeg(), h.toString());
            // the entropy data does not match the new header: either a decoder makes pixels of it and an
            // 8-bit baseline JPEG is written, or it is rejected as a decode error; it is never copied
            String what = String.format("SOF %02X", sof);
            try {
                TransformedImage t = converted(variant, what);
                assertEquals(ImageAction.CONVERTED, t.action(), what);
            } catch (ImageRejectedException e) {
                assertEquals(RejectReason.DECODE_ERROR, e.reason(), what + ": " + e.detail());
            }
        }
    }

    private static int sofOffset(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == 0xC0) {
                return i;
            }
        }
        throw new AssertionError("no SOF0");
    }
}
