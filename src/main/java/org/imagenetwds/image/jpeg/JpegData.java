package org.imagenetwds.image.jpeg;

import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.image.ImageRejectedException;
import org.imagenetwds.image.RepairKind;

/**
 * The file being checked: its bytes, the read position, the markers between its segments
 * (jdmarker.c's next_marker), and what a failure found in it: how it is repaired (null: libjpeg
 * stops with an error) and, for a lossless repair, the mended bytes.
 */
final class JpegData {

    static final byte[] END_OF_IMAGE = {(byte) 0xFF, (byte) 0xD9};

    final byte[] bytes;
    int pos;
    /** Where the marker last read by {@link #nextMarker} starts (its last FF). */
    int markerAt;

    RepairKind damage;
    byte[] repaired;

    JpegData(byte[] bytes) {
        this.bytes = bytes;
    }

    int u8(int at) {
        return bytes[at] & 0xFF;
    }

    int u16(int at) {
        return (u8(at) << 8) | u8(at + 1);
    }

    /**
     * libjpeg's next_marker: any byte skipped on the way to a marker is a warning (the bytes are cut);
     * the file ending here {@code afterWholeScan} is one too (the end marker is written in their place).
     */
    int nextMarker(boolean afterWholeScan) throws ImageRejectedException {
        int from = pos;
        int skipped = 0;
        while (true) {
            while (pos < bytes.length && u8(pos) != 0xFF) {
                pos++;
                skipped++;
            }
            int runStart = pos;
            while (pos < bytes.length && u8(pos) == 0xFF) {
                pos++;
            }
            if (pos >= bytes.length) {
                if (afterWholeScan) {
                    throw lossless(RepairKind.END_MARKER, "Premature end of JPEG file", from, bytes.length, END_OF_IMAGE);
                }
                throw truncated();
            }
            int marker = u8(pos++);
            if (marker != 0) {
                markerAt = pos - 2;
                if (skipped > 0) {
                    throw cut(String.format("Corrupt JPEG data: %d extraneous bytes before marker 0x%02x", skipped, marker), from, runStart);
                }
                return marker;
            }
            skipped += 2; // a stuffed FF 00 outside a scan
        }
    }

    /** The segment's length field, checked to lie within the file; returns the position after it. */
    int segmentEnd() throws ImageRejectedException {
        if (pos + 2 > bytes.length) {
            throw truncated();
        }
        int length = u16(pos);
        if (length < 2) {
            throw corrupt("Bogus marker length " + length);
        }
        int end = pos + length;
        if (end > bytes.length) {
            throw truncated();
        }
        pos += 2;
        return end;
    }

    void skipSegment() throws ImageRejectedException {
        pos = segmentEnd();
    }

    void expectEnd(int end) throws ImageRejectedException {
        if (pos != end) {
            throw corrupt("Bogus marker length: segment content does not fill its length");
        }
    }

    /** The first FF of the next marker at or after {@code from} (stuffed FF 00 pairs are data), or -1. */
    int markerRunStart(int from) {
        int at = from;
        while (true) {
            while (at < bytes.length && u8(at) != 0xFF) {
                at++;
            }
            int run = at;
            while (at < bytes.length && u8(at) == 0xFF) {
                at++;
            }
            if (at >= bytes.length) {
                return -1;
            }
            if (u8(at) != 0) {
                return run;
            }
            at++;
        }
    }

    // ---- failures ----

    /**
     * A file that ends inside its image data: libjpeg warns and decodes the rest as grey, but a band
     * of the photograph is gone, not blemished; it stays a reject, as the sample corpus's truncated
     * member always was. (A file that ends after a whole scan is mended: {@link #nextMarker}.)
     */
    ImageRejectedException truncated() {
        damage = null;
        return new ImageRejectedException(RejectReason.TRUNCATED, "Premature end of JPEG file");
    }

    /** What libjpeg stops at with an error. */
    ImageRejectedException corrupt(String message) {
        damage = null;
        return new ImageRejectedException(RejectReason.CORRUPT_DATA, message);
    }

    /** What libjpeg only warns about and decodes on from: the pixels must be decoded leniently to repair it. */
    ImageRejectedException warning(String message) {
        damage = RepairKind.REENCODED;
        return new ImageRejectedException(RejectReason.CORRUPT_DATA, message);
    }

    /**
     * Damage a byte splice mends without touching any entropy-coded bit: {@code bytes[from, to)} is
     * replaced by {@code insert}, and libjpeg decodes the result to the same pixels, silently.
     */
    ImageRejectedException lossless(RepairKind kind, String message, int from, int to, byte[] insert) {
        damage = kind;
        byte[] mended = new byte[bytes.length - (to - from) + insert.length];
        System.arraycopy(bytes, 0, mended, 0, from);
        System.arraycopy(insert, 0, mended, from, insert.length);
        System.arraycopy(bytes, to, mended, from + insert.length, bytes.length - to);
        repaired = mended;
        return new ImageRejectedException(message.startsWith("Premature") ? RejectReason.TRUNCATED : RejectReason.CORRUPT_DATA,
                message);
    }

    ImageRejectedException cut(String message, int from, int to) {
        return lossless(RepairKind.CUT, message, from, to, new byte[0]);
    }
}
