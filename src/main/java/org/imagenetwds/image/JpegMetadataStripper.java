package org.imagenetwds.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.dataset.Sha256;

/**
 * Removes metadata from a JPEG without touching its compressed image data. Kept: SOI, the JFIF
 * APP0, every ICC_PROFILE APP2 chunk in order, the Adobe APP14 (it says how to read the colour
 * transform) and all coding segments (DQT, DHT, DAC, DRI, SOF) and the scans, byte for byte from
 * the first SOS on. Dropped: Exif and XMP (APP1), IPTC/Photoshop (APP13), comments, JFXX
 * thumbnails and any other APPn, and whatever follows the end-of-image marker (an appended
 * multi-picture image, a camera's trailer, a file glued to the JPEG). Exif is dropped whole,
 * ColorSpace included: with no ICC profile a viewer assumes sRGB, which is what the Exif ColorSpace
 * tag says for nearly every camera JPEG.
 */
public final class JpegMetadataStripper {

    private static final byte[] JFIF = "JFIF\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADOBE = "Adobe".getBytes(StandardCharsets.US_ASCII);

    private JpegMetadataStripper() {
    }

    /** The result: the JPEG to write and whether anything was removed. */
    public record Stripped(byte[] bytes, boolean changed, int scanOffset) {
    }

    /**
     * @throws ImageRejectedException {@code truncated} when the segments or the scan data end
     *                                before the end-of-image marker
     */
    public static Stripped strip(byte[] jpeg) throws ImageRejectedException {
        return copy(jpeg, JpegMetadataStripper::keep);
    }

    /**
     * SHA-256 of the bytes {@link #strip} would return, hashed from {@code jpeg}'s kept ranges
     * without building the stripped copy (count hashes every image: the copy cost a quarter as much
     * as the hash).
     *
     * @throws ImageRejectedException as {@link #strip}
     */
    public static byte[] strippedSha256(byte[] jpeg) throws ImageRejectedException {
        MessageDigest digest = Sha256.threadDigest();
        walk(jpeg, JpegMetadataStripper::keep, digest::update);
        return digest.digest();
    }

    /**
     * The JPEG without its ICC profile, for decoding: the pixels are then the encoded values, as
     * libjpeg gives them, and the profile is carried to the output instead of being applied twice.
     */
    public static byte[] withoutIcc(byte[] jpeg) throws ImageRejectedException {
        return copy(jpeg, (marker, data, payload, end) -> !(marker == 0xE2 && startsWith(data, payload, end, ICC))).bytes();
    }

    /** The ICC_PROFILE APP2 segments (marker, length and payload), in file order. */
    public static java.util.List<byte[]> iccSegments(byte[] jpeg) throws ImageRejectedException {
        java.util.List<byte[]> segments = new java.util.ArrayList<>();
        walk(jpeg, (marker, data, payload, end) -> {
            if (marker == 0xE2 && startsWith(data, payload, end, ICC)) {
                segments.add(java.util.Arrays.copyOfRange(data, payload - 4, end));
            }
            return true;
        }, null);
        return segments;
    }

    /** Inserts whole marker segments right after SOI and a JFIF APP0, where ICC chunks belong. */
    public static byte[] insertAfterApp0(byte[] jpeg, java.util.List<byte[]> segments) {
        if (segments.isEmpty()) {
            return jpeg;
        }
        int at = 2;
        if ((jpeg[2] & 0xff) == 0xFF && (jpeg[3] & 0xff) == 0xE0) {
            at = 4 + (((jpeg[4] & 0xff) << 8) | (jpeg[5] & 0xff));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + segments.stream().mapToInt(b -> b.length).sum());
        out.write(jpeg, 0, at);
        segments.forEach(out::writeBytes);
        out.write(jpeg, at, jpeg.length - at);
        return out.toByteArray();
    }

    /** Decides whether a marker segment is kept; {@code payload} is where its data starts, {@code end} where it ends. */
    @FunctionalInterface
    private interface SegmentFilter {
        boolean keep(int marker, byte[] jpeg, int payload, int end);
    }

    /** A JPEG's ICC_PROFILE APP2 segments (marker, length and payload, in file order) and the file without them. */
    public record IccApart(byte[] withoutIcc, java.util.List<byte[]> icc) {
    }

    /**
     * As {@link #iccSegments} and {@link #withoutIcc}, for a damaged file: the header segments are
     * walked up to the first SOS, or to the first byte that starts no segment; whatever follows is
     * kept as it is, ended or not.
     */
    public static IccApart iccApart(byte[] jpeg) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        java.util.List<byte[]> icc = new java.util.ArrayList<>();
        int pos = 2;
        out.write(jpeg, 0, pos);
        while (pos + 4 <= jpeg.length && (jpeg[pos] & 0xff) == 0xFF && (jpeg[pos + 1] & 0xff) != 0xDA) {
            int end = pos + 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
            if ((jpeg[pos + 1] & 0xff) == 0xFF || end > jpeg.length) {
                break;
            }
            if ((jpeg[pos + 1] & 0xff) == 0xE2 && startsWith(jpeg, pos + 4, end, ICC)) {
                icc.add(java.util.Arrays.copyOfRange(jpeg, pos, end));
            } else {
                out.write(jpeg, pos, end - pos);
            }
            pos = end;
        }
        out.write(jpeg, pos, jpeg.length - pos);
        return new IccApart(icc.isEmpty() ? jpeg : out.toByteArray(), icc);
    }

    /** Whether {@link #strip} would remove a segment; checks the structure as {@link #strip} does. */
    public static boolean hasRemovableMetadata(byte[] jpeg) throws ImageRejectedException {
        boolean[] removable = {false};
        boolean trailing = walk(jpeg, (marker, data, payload, end) -> {
            removable[0] |= !keep(marker, data, payload, end);
            return true;
        }, null).changed();
        return removable[0] || trailing;
    }

    /** Where the kept bytes go: a copy's buffer, a digest. */
    @FunctionalInterface
    private interface RangeSink {
        void write(byte[] data, int offset, int length);
    }

    /** What a walk found: whether anything is dropped, and where the first SOS is in the input and in the kept bytes. */
    private record Walk(boolean changed, int scanInInput, int scanInKept) {
    }

    private static Stripped copy(byte[] jpeg, SegmentFilter filter) throws ImageRejectedException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        Walk w = walk(jpeg, filter, out::write);
        return w.changed() ? new Stripped(out.toByteArray(), true, w.scanInKept()) : new Stripped(jpeg, false, w.scanInInput());
    }

    /** Walks the segments, hands the kept ones (and SOI, the scans up to EOI) to {@code out} when there is one. */
    private static Walk walk(byte[] jpeg, SegmentFilter filter, RangeSink out) throws ImageRejectedException {
        RangeSink sink = out != null ? out : (data, offset, length) -> { };
        sink.write(jpeg, 0, 2); // SOI
        int kept = 2;
        int pos = 2;
        boolean changed = false;
        while (true) {
            if (pos + 4 > jpeg.length) {
                throw new ImageRejectedException(RejectReason.TRUNCATED, "JPEG ends inside its header segments");
            }
            if ((jpeg[pos] & 0xff) != 0xFF) {
                throw new ImageRejectedException(RejectReason.DECODE_ERROR,
                        "JPEG: no marker at byte " + pos);
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xDA) {
                int end = endOfImage(jpeg, pos);
                if (end < 0) {
                    throw new ImageRejectedException(RejectReason.TRUNCATED, "JPEG scan data ends without EOI marker");
                }
                sink.write(jpeg, pos, end - pos);
                return new Walk(changed || end < jpeg.length, pos, kept);
            }
            int length = ((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff);
            int end = pos + 2 + length;
            if (length < 2 || end > jpeg.length) {
                throw new ImageRejectedException(RejectReason.TRUNCATED,
                        String.format("JPEG segment 0xFF%02X at byte %d runs past the end", marker, pos));
            }
            if (filter.keep(marker, jpeg, pos + 4, end)) {
                sink.write(jpeg, pos, end - pos);
                kept += end - pos;
            } else {
                changed = true;
            }
            pos = end;
        }
    }

    private static boolean keep(int marker, byte[] jpeg, int payload, int end) {
        if (marker == 0xE0) {
            return startsWith(jpeg, payload, end, JFIF);
        }
        if (marker == 0xE2) {
            return startsWith(jpeg, payload, end, ICC);
        }
        if (marker == 0xEE) {
            return startsWith(jpeg, payload, end, ADOBE);
        }
        return !(marker >= 0xE0 && marker <= 0xEF) && marker != 0xFE;
    }

    private static boolean startsWith(byte[] data, int from, int end, byte[] prefix) {
        if (end - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (data[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /**
     * Where the image ends: just past its EOI marker, found by walking the scans and the segments
     * between them (progressive JPEGs have several); in entropy-coded data 0xFF is always followed by
     * a stuffed zero, a restart marker or the next marker. -1 when the data ends first.
     */
    static int endOfImage(byte[] jpeg, int firstScan) {
        int pos = firstScan;
        while (pos + 2 <= jpeg.length) {
            if ((jpeg[pos] & 0xff) != 0xFF) {
                return -1;
            }
            int marker = jpeg[pos + 1] & 0xff;
            if (marker == 0xFF) {
                pos++; // fill byte
                continue;
            }
            if (marker == 0xD9) {
                return pos + 2;
            }
            if (pos + 4 > jpeg.length) {
                return -1;
            }
            int end = pos + 2 + (((jpeg[pos + 2] & 0xff) << 8) | (jpeg[pos + 3] & 0xff));
            if (end > jpeg.length) {
                return -1;
            }
            pos = marker == 0xDA ? afterEntropyData(jpeg, end) : end;
        }
        return -1;
    }

    /**
     * The position of the first marker after entropy-coded data starting at {@code pos}, or the data's
     * length. As libjpeg reads it: 0xFF followed by fill bytes (more 0xFF) then a zero is a stuffed
     * 0xFF, then a restart marker continues the data, anything else is a marker.
     */
    private static int afterEntropyData(byte[] jpeg, int pos) {
        while (pos + 1 < jpeg.length) {
            if (pos + 16 <= jpeg.length) { // sixteen bytes at a time while none is 0xFF: one branch for two words
                long first = ~(long) LONGS.get(jpeg, pos);
                long second = ~(long) LONGS.get(jpeg, pos + 8);
                long ffBytes = ((first - 0x0101010101010101L) & ~first) | ((second - 0x0101010101010101L) & ~second);
                if ((ffBytes & 0x8080808080808080L) == 0) {
                    pos += 16;
                    continue;
                }
            }
            if (pos + 8 <= jpeg.length) { // eight bytes at a time while none is 0xFF
                long inverted = ~(long) LONGS.get(jpeg, pos);
                if (((inverted - 0x0101010101010101L) & ~inverted & 0x8080808080808080L) == 0) {
                    pos += 8;
                    continue;
                }
            }
            if ((jpeg[pos] & 0xff) != 0xFF) {
                pos++;
                continue;
            }
            int q = pos + 1;
            while (q < jpeg.length && (jpeg[q] & 0xff) == 0xFF) {
                q++;
            }
            if (q >= jpeg.length) {
                return jpeg.length;
            }
            int next = jpeg[q] & 0xff;
            if (next != 0 && (next < 0xD0 || next > 0xD7)) {
                return q - 1;
            }
            pos = q + 1;
        }
        return jpeg.length;
    }
}
