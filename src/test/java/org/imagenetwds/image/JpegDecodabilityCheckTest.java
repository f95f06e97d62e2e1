package org.imagenetwds.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.Test;

/**
 * The check on generated JPEGs with damage of each class libjpeg reports; the fuzz test
 * ({@code JpegFuzzIT}) holds it against djpeg on thousands of damaged real images.
 */
class JpegDecodabilityCheckTest {

    private static final byte[] PLAIN = TestImages.jpeg(200, 150);

    @Test
    void anIntactJpegPasses() throws ImageRejectedException {
        JpegDecodabilityCheck.check(PLAIN);
        JpegDecodabilityCheck.check(TestImages.jpeg(TestImages.gradient(64, 80, java.awt.image.BufferedImage.TYPE_BYTE_GRAY)));
    }

    @Test
    void aMarkerInsideTheScanIsCorruptData() {
        int scan = scanStart(PLAIN);
        byte[] damaged = splice(PLAIN, scan + 200, new byte[] {(byte) 0xFF, (byte) 0xD0, 0x12, 0x34});
        assertEquals(RejectReason.CORRUPT_DATA, reject(damaged).reason());
    }

    @Test
    void extraneousBytesBeforeEoiAreCorruptData() {
        int eoi = PLAIN.length - 2;
        ImageRejectedException e = reject(splice(PLAIN, eoi, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
        assertEquals(RejectReason.CORRUPT_DATA, e.reason());
        assertTrue(e.detail().contains("extraneous bytes"), e.detail());
    }

    @Test
    void aFileEndingInItsScanIsTruncated() {
        byte[] cut = Arrays.copyOf(PLAIN, scanStart(PLAIN) + 300);
        ImageRejectedException e = reject(cut);
        assertEquals(RejectReason.TRUNCATED, e.reason());
        assertEquals("Premature end of JPEG file", e.detail());
    }

    @Test
    void eoiInTheMiddleOfTheScanIsAPrematureEndOfData() {
        byte[] early = splice(PLAIN, scanStart(PLAIN) + 100, new byte[] {(byte) 0xFF, (byte) 0xD9});
        ImageRejectedException e = reject(early);
        assertEquals(RejectReason.CORRUPT_DATA, e.reason());
        assertTrue(e.detail().contains("premature end of data segment"), e.detail());
    }

    @Test
    void aSecondFrameHeaderIsRejected() {
        int sof = indexOfMarker(PLAIN, 0xC0);
        int length = ((PLAIN[sof + 2] & 0xFF) << 8) | (PLAIN[sof + 3] & 0xFF);
        byte[] twice = splice(PLAIN, sof, Arrays.copyOfRange(PLAIN, sof, sof + 2 + length));
        assertTrue(reject(twice).detail().contains("two SOF markers"));
    }

    @Test
    void sequentialScanParametersMustBeSequential() {
        byte[] bad = PLAIN.clone();
        int sos = indexOfMarker(bad, 0xDA);
        int length = ((bad[sos + 2] & 0xFF) << 8) | (bad[sos + 3] & 0xFF);
        bad[sos + 2 + length - 2] = 0; // Se = 0
        assertTrue(reject(bad).detail().contains("Invalid SOS parameters for sequential JPEG"));
    }

    @Test
    void aHuffmanTableThatOverfillsItsCodeSpaceIsBogus() {
        byte[] bad = PLAIN.clone();
        int dht = indexOfMarker(bad, 0xC4);
        bad[dht + 5] = 2; // two codes of length 1 use the whole space, all-ones included
        assertTrue(reject(bad).detail().contains("Bogus Huffman table definition"), reject(bad).detail());
    }

    private static ImageRejectedException reject(byte[] jpeg) {
        return assertThrows(ImageRejectedException.class, () -> JpegDecodabilityCheck.check(jpeg));
    }

    private static int scanStart(byte[] jpeg) {
        int sos = indexOfMarker(jpeg, 0xDA);
        return sos + 2 + (((jpeg[sos + 2] & 0xFF) << 8) | (jpeg[sos + 3] & 0xFF));
    }

    /** The first marker segment of that type, walking the segments from SOI. */
    private static int indexOfMarker(byte[] jpeg, int marker) {
        int pos = 2;
        while ((jpeg[pos + 1] & 0xFF) != marker) {
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        return pos;
    }

    private static byte[] splice(byte[] b, int at, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(insert);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }

    /*
     * Files made by a reviewer's generator, with djpeg's verdict on each (libjpeg-turbo 2.1.5): a
     * Huffman table over-filled at a short length (once crashed the check), a progressive DC stream
     * whose running value overflows an int ("DCT coefficient out of range", exit 1), a first AC
     * value that libjpeg's 16-bit coefficient truncates to zero so that a refinement scan reads one
     * bit fewer ("premature end of data segment", exit 2) beside its control (exit 0), and a
     * sequential DC stream that wraps silently (exit 0).
     */

    @Test
    void aHuffmanTableOverfilledAtAShortLengthIsRejectedNotACrash() throws Exception {
        ImageRejectedException e = reject(resource("dht_oob.jpg"));
        assertEquals(RejectReason.CORRUPT_DATA, e.reason());
    }

    @Test
    void aProgressiveDcValueOverflowingAnIntIsRejected() throws Exception {
        assertEquals("DCT coefficient out of range", reject(resource("dc_overflow.jpg.gz")).detail());
        JpegDecodabilityCheck.check(resource("seq_dc.jpg.gz")); // sequential: libjpeg wraps silently
    }

    @Test
    void aCoefficientTruncatedToZeroReadsNoCorrectionBitAsInLibjpeg() throws Exception {
        assertTrue(reject(resource("jcoef_trunc.jpg")).detail().contains("premature end of data segment"));
        JpegDecodabilityCheck.check(resource("jcoef_control.jpg"));
    }

    @Test
    void aCheckOverItsTimeLimitIsADecodeErrorNotAHang() {
        byte[] big = TestImages.jpeg(2000, 1500);
        ImageRejectedException e = assertThrows(ImageRejectedException.class,
                () -> JpegDecodabilityCheck.check(big, java.time.Duration.ZERO));
        assertEquals(RejectReason.DECODE_ERROR, e.reason());
    }

    private static byte[] resource(String name) throws java.io.IOException {
        try (java.io.InputStream in = JpegDecodabilityCheckTest.class.getResourceAsStream(name)) {
            byte[] bytes = in.readAllBytes();
            return name.endsWith(".gz") ? new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes)).readAllBytes()
                    : bytes;
        }
    }
}
