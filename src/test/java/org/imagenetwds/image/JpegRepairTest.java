package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.testing.Libjpeg;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

class JpegRepairTest {

    private static final byte[] PLAIN = TestImages.jpeg(200, 150);
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void anIntactJpegNeedsNoRepair() throws Exception {
        assertNull(JpegRepair.plan(PLAIN, LIMIT));
    }

    @Test
    void bytesBeforeTheEndMarkerAreCutAndThePixelsStayTheSame() throws Exception {
        byte[] damaged = splice(PLAIN, PLAIN.length - 2, 0, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
        JpegRepair.Repair r = JpegRepair.plan(damaged, LIMIT);
        assertEquals(RepairKind.CUT, r.kind());
        assertTrue(r.message().contains("extraneous bytes"), r.message());
        assertArrayEquals(PLAIN, r.repaired(), "the scan data bit for bit, the extra bytes gone");
        assertSamePixels(damaged, r.repaired());
        Libjpeg.assertDecodes(r.repaired(), "the cut file");
    }

    @Test
    void bytesBetweenHeaderSegmentsAreCut() throws Exception {
        int dqt = indexOfMarker(PLAIN, 0xDB);
        assertMendedToThePlainFile(splice(PLAIN, dqt, 0, new byte[] {0x55, 0x66, 0x77}), RepairKind.CUT);
    }

    @Test
    void aFileEndingAfterItsScanGetsItsEndMarker() throws Exception {
        assertMendedToThePlainFile(Arrays.copyOf(PLAIN, PLAIN.length - 2), RepairKind.END_MARKER);
        // a comment after the scan whose length runs past the end: libjpeg skips to the end and stops there
        byte[] comment = splice(PLAIN, PLAIN.length - 2, 2, new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x40, 0x41, 0x42});
        assertMendedToThePlainFile(comment, RepairKind.END_MARKER);
        assertEquals(RejectReason.TRUNCATED, assertThrows(ImageRejectedException.class, () -> JpegDecodabilityCheck.check(comment))
                .reason(), "as before with --damaged reject");
    }

    private static void assertMendedToThePlainFile(byte[] damaged, RepairKind kind) throws Exception {
        JpegRepair.Repair r = JpegRepair.plan(damaged, LIMIT);
        assertEquals(kind, r.kind());
        assertArrayEquals(PLAIN, r.repaired());
        assertSamePixels(damaged, r.repaired());
    }

    @Test
    void aMissingHuffmanTableOfASequentialJpegIsTheStandardOne() throws Exception {
        // the JDK's writer codes with the standard tables: without its DHT segments libjpeg substitutes the same
        byte[] withoutTables = PLAIN;
        int dht;
        while ((dht = indexOfMarker(withoutTables, 0xC4)) >= 0) {
            int length = ((withoutTables[dht + 2] & 0xff) << 8) | (withoutTables[dht + 3] & 0xff);
            withoutTables = splice(withoutTables, dht, length + 2, new byte[0]);
        }
        JpegRepair.Repair r = JpegRepair.plan(withoutTables, LIMIT);
        assertEquals(RepairKind.HUFFMAN_TABLES, r.kind());
        JpegDecodabilityCheck.check(r.repaired());
        assertSamePixels(PLAIN, r.repaired());
        Libjpeg.assertDecodes(r.repaired(), "the file with its tables inserted");
    }

    @Test
    void aFileEndingInsideItsScanIsReencodedFromLibjpegsDecodeGreyBelowTheData() throws Exception {
        int scan = scanStart(PLAIN);
        byte[] damaged = Arrays.copyOf(PLAIN, scan + (PLAIN.length - scan) / 2);
        JpegRepair.Repair r = JpegRepair.plan(damaged, LIMIT);
        assertEquals(RepairKind.TRUNCATED_SCAN, r.kind());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "Premature end of JPEG file: scan 1 ends after (\\d+) of (\\d+) MCU rows").matcher(r.message());
        assertTrue(m.matches(), r.message());
        int sof = indexOfMarker(PLAIN, 0xC0);
        int mcuHeight = 8 * (PLAIN[sof + 11] & 15); // the luma component's vertical sampling
        int whole = Integer.parseInt(m.group(1));
        assertEquals((150 + mcuHeight - 1) / mcuHeight, Integer.parseInt(m.group(2)));
        assertTrue(whole >= 1 && whole < Integer.parseInt(m.group(2)), r.message());
        // libjpeg's lenient decode: every row below the MCU row the data ends in is grey (zero coefficients),
        // but for the first, whose upsampled chroma still takes a quarter of the row above
        JpegCodec.Pixels lenient = JpegCodec.decode(damaged, true);
        for (int i = ((whole + 1) * mcuHeight + 1) * 200 * 3; i < lenient.data().length; i++) {
            assertEquals(128, lenient.data()[i] & 0xFF, "pixel byte " + i);
        }
        TransformedImage t = ImageRules.defaults().applyToDamaged(r.repaired(), ImageProbe.probe(damaged));
        assertEquals(ImageAction.REPAIRED, t.action());
        assertEquals(200, t.width());
        JpegDecodabilityCheck.check(t.bytes());
        Libjpeg.assertDecodes(t.bytes(), "the re-encoded truncated file");
    }

    @Test
    void aProgressiveFileEndingInALaterScanNamesThatScan() throws Exception {
        byte[] progressive = TestImages.progressiveJpeg(TestImages.gradient(120, 90, java.awt.image.BufferedImage.TYPE_3BYTE_BGR));
        // the middle of the longest scan after the first
        int longest = 0;
        int from = 0;
        for (int sos = indexOfMarker(progressive, 0xDA, indexOfMarker(progressive, 0xDA) + 2), next; sos >= 0; sos = next) {
            next = indexOfMarker(progressive, 0xDA, sos + 2);
            int length = (next < 0 ? progressive.length : next) - sos;
            if (length > longest) {
                longest = length;
                from = sos;
            }
        }
        byte[] damaged = Arrays.copyOf(progressive, from + longest / 2);
        JpegRepair.Repair r = JpegRepair.plan(damaged, LIMIT);
        assertEquals(RepairKind.TRUNCATED_SCAN, r.kind());
        assertTrue(r.message().matches("Premature end of JPEG file: scan ([2-9]|\\d\\d+) ends after \\d+ of \\d+ MCU rows"),
                r.message());
        Libjpeg.assertDecodes(ImageRules.defaults().applyToDamaged(r.repaired(), ImageProbe.probe(damaged)).bytes(),
                "the re-encoded progressive file");
        // ending inside the header of a later scan is an error to libjpeg: nothing to repair
        byte[] inHeader = Arrays.copyOf(progressive, from + 5);
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> JpegRepair.plan(inHeader, LIMIT));
        assertEquals(RejectReason.TRUNCATED, e.reason());
    }

    @Test
    void aCorruptScanIsReencodedFromALenientDecode() throws Exception {
        byte[] damaged = splice(PLAIN, scanStart(PLAIN) + 100, 0, new byte[] {(byte) 0xFF, (byte) 0xD9});
        JpegRepair.Repair r = JpegRepair.plan(damaged, LIMIT);
        assertEquals(RepairKind.REENCODED, r.kind());
        assertTrue(r.message().contains("premature end of data segment"), r.message());
        TransformedImage t = ImageRules.defaults().applyToDamaged(r.repaired(), ImageProbe.probe(damaged));
        assertEquals(ImageAction.REPAIRED, t.action());
        assertEquals(200, t.width());
        assertEquals(150, t.height());
        JpegDecodabilityCheck.check(t.bytes());
        Libjpeg.assertDecodes(t.bytes(), "the re-encoded file");
        // the lenient decode is libjpeg's: grey (128) where the data ends, the first rows as coded
        JpegCodec.Pixels lenient = JpegCodec.decode(damaged, true);
        JpegCodec.Pixels intact = JpegCodec.decode(PLAIN, true);
        assertEquals(128, lenient.data()[lenient.data().length - 1] & 0xFF);
        assertEquals(intact.data()[0], lenient.data()[0]);
    }

    @Test
    void whatLibjpegStopsOnIsRejectedAsBefore() {
        byte[] noScan = Arrays.copyOf(PLAIN, scanStart(PLAIN) - 2);
        assertEquals(RejectReason.TRUNCATED, assertThrows(ImageRejectedException.class, () -> JpegRepair.plan(noScan, LIMIT)).reason());
        int sof = indexOfMarker(PLAIN, 0xC0);
        byte[] lossless = PLAIN.clone();
        lossless[sof + 1] = (byte) 0xC3;
        ImageRejectedException e = assertThrows(ImageRejectedException.class, () -> JpegRepair.plan(lossless, LIMIT));
        assertEquals(RejectReason.CORRUPT_DATA, e.reason());
        assertTrue(e.detail().startsWith("Unsupported JPEG process"), e.detail());
    }

    @Test
    void aProgressiveJpegMissingATableIsRejected() throws Exception {
        byte[] progressive = TestImages.progressiveJpeg(TestImages.gradient(120, 90, java.awt.image.BufferedImage.TYPE_3BYTE_BGR));
        int dht = indexOfMarker(progressive, 0xC4);
        assertNotNull(progressive);
        int length = ((progressive[dht + 2] & 0xff) << 8) | (progressive[dht + 3] & 0xff);
        byte[] damaged = splice(progressive, dht, length + 2, new byte[0]);
        assertThrows(ImageRejectedException.class, () -> JpegRepair.plan(damaged, LIMIT));
    }

    private static void assertSamePixels(byte[] a, byte[] b) throws ImageRejectedException {
        JpegCodec.Pixels pa = JpegCodec.decode(a, true);
        JpegCodec.Pixels pb = JpegCodec.decode(b, true);
        assertEquals(pa.width(), pb.width());
        assertArrayEquals(pa.data(), pb.data(), "decoded pixels differ");
    }

    private static int scanStart(byte[] jpeg) {
        int sos = indexOfMarker(jpeg, 0xDA);
        return sos + 2 + (((jpeg[sos + 2] & 0xff) << 8) | (jpeg[sos + 3] & 0xff));
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        return indexOfMarker(jpeg, marker, 2);
    }

    private static int indexOfMarker(byte[] jpeg, int marker, int from) {
        for (int i = from; i + 1 < jpeg.length; i++) {
            if ((jpeg[i] & 0xff) == 0xFF && (jpeg[i + 1] & 0xff) == marker) {
                return i;
            }
        }
        return -1;
    }

    /** {@code b} with {@code remove} bytes at {@code at} replaced by {@code insert}. */
    private static byte[] splice(byte[] b, int at, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + remove, out, at + insert.length, b.length - at - remove);
        return out;
    }
}
