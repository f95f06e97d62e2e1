package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class JpegMetadataStripperTest {

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= data.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] fromFirstSos(byte[] jpeg) {
        return Arrays.copyOfRange(jpeg, indexOf(jpeg, new byte[] {(byte) 0xFF, (byte) 0xDA}), jpeg.length);
    }

    @Test
    void dropsExifXmpIptcAndCommentsKeepsIccAndTheScanBitForBit() throws Exception {
        byte[] plain = TestImages.jpeg(120, 90);
        byte[] jpeg = TestImages.withSegment(plain, 0xE1, TestImages.ascii("Exif\0\0MM\0*GPS-and-thumbnail"));
        jpeg = TestImages.withSegment(jpeg, 0xE1, TestImages.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>"));
        jpeg = TestImages.withSegment(jpeg, 0xED, TestImages.ascii("Photoshop 3.0\08BIM"));
        jpeg = TestImages.withSegment(jpeg, 0xFE, TestImages.ascii("a comment"));
        jpeg = TestImages.withSegment(jpeg, 0xE2, TestImages.ascii("ICC_PROFILE\0\1\1fake-profile-bytes"));

        JpegMetadataStripper.Stripped s = JpegMetadataStripper.strip(jpeg);
        assertTrue(s.changed());
        byte[] out = s.bytes();
        assertEquals(-1, indexOf(out, TestImages.ascii("Exif")));
        assertEquals(-1, indexOf(out, TestImages.ascii("xmpmeta")));
        assertEquals(-1, indexOf(out, TestImages.ascii("Photoshop")));
        assertEquals(-1, indexOf(out, TestImages.ascii("a comment")));
        assertTrue(indexOf(out, TestImages.ascii("ICC_PROFILE")) > 0);
        assertTrue(indexOf(out, TestImages.ascii("JFIF")) > 0);
        assertArrayEquals(fromFirstSos(jpeg), fromFirstSos(out));
        assertEquals(120, ImageProbe.probe(out).width());
    }

    @Test
    void aJpegWithNothingToDropIsReturnedAsIs() throws Exception {
        byte[] plain = TestImages.jpeg(64, 64);
        JpegMetadataStripper.Stripped s = JpegMetadataStripper.strip(plain);
        assertFalse(s.changed());
        assertSame(plain, s.bytes());
    }

    @Test
    void theStrippedDigestIsTheDigestOfTheStrippedBytes() throws Exception {
        byte[] plain = progressive(160, 120);
        byte[] tagged = TestImages.withSegment(plain, 0xE1, TestImages.ascii("Exif\0\0MM\0*camera"));
        byte[] trailed = Arrays.copyOf(tagged, tagged.length + 5); // a trailer after EOI is dropped too
        for (byte[] jpeg : new byte[][] {plain, tagged, trailed}) {
            assertEquals(Sha256.of(JpegMetadataStripper.strip(jpeg).bytes()), Sha256.hex(JpegMetadataStripper.strippedSha256(jpeg)));
        }
        assertEquals(Sha256.hex(JpegMetadataStripper.strippedSha256(plain)), Sha256.hex(JpegMetadataStripper.strippedSha256(trailed)));
        byte[] cut = Arrays.copyOf(plain, plain.length - 100);
        assertEquals(RejectReason.TRUNCATED, assertThrows(ImageRejectedException.class, () -> JpegMetadataStripper.strippedSha256(cut)).reason());
    }

    /** Several scans with tables between them (a progressive JPEG), as the JDK's writer makes it. */
    private static byte[] progressive(int w, int h) throws Exception {
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("jpeg").next();
        javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var ios = javax.imageio.ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new javax.imageio.IIOImage(
                    TestImages.gradient(w, h, java.awt.image.BufferedImage.TYPE_3BYTE_BGR), null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void whatFollowsTheEndOfImageIsDroppedEvenWhenItLooksLikeOne() throws Exception {
        byte[] image = progressive(160, 120);
        assertTrue(JpegMetadataStripper.endOfImage(image, indexOf(image, new byte[] {(byte) 0xFF, (byte) 0xDA}))
                == image.length);
        byte[] junk = new byte[65_536];
        new java.util.Random(7).nextBytes(junk);
        junk[100] = (byte) 0xFF; // an end-of-image marker inside the junk, and at its end
        junk[101] = (byte) 0xD9;
        junk[junk.length - 2] = (byte) 0xFF;
        junk[junk.length - 1] = (byte) 0xD9;
        byte[] glued = Arrays.copyOf(image, image.length + junk.length);
        System.arraycopy(junk, 0, glued, image.length, junk.length);

        JpegMetadataStripper.Stripped s = JpegMetadataStripper.strip(glued);
        assertTrue(s.changed());
        assertArrayEquals(image, s.bytes());
        assertTrue(JpegMetadataStripper.hasRemovableMetadata(glued));
        assertFalse(JpegMetadataStripper.hasRemovableMetadata(image));
        assertSame(image, JpegMetadataStripper.strip(image).bytes());
        // zero padding after the marker (some encoders pad to a block size) goes too
        assertArrayEquals(image, JpegMetadataStripper.strip(Arrays.copyOf(image, image.length + 512)).bytes());
    }

    @Test
    void truncatedScanDataIsRejected() {
        byte[] plain = TestImages.jpeg(200, 200);
        byte[] cut = Arrays.copyOf(plain, plain.length - 100);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> JpegMetadataStripper.strip(cut));
        assertEquals(RejectReason.TRUNCATED, e.reason());
        byte[] headerOnly = Arrays.copyOf(plain, 30);
        assertEquals(RejectReason.TRUNCATED,
                assertThrows(ImageRejectedException.class, () -> JpegMetadataStripper.strip(headerOnly)).reason());
    }
}
