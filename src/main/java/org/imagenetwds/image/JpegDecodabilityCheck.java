package org.imagenetwds.image;

import org.imagenetwds.image.jpeg.JpegCheck;

/**
 * Proves, without an inverse DCT, that libjpeg(-turbo) decodes a Huffman-coded JPEG with neither
 * an error nor a warning ("Corrupt JPEG data: ..."): the marker segments are parsed as libjpeg's
 * {@code jdmarker.c} parses them, and every Huffman code and extra bit of every scan is decoded as
 * {@code jdhuff.c}/{@code jdphuff.c} decode them, restart markers and progression included. Only
 * the coefficient values are not computed: they cannot make libjpeg fail. (The work is done by
 * the package {@link org.imagenetwds.image.jpeg}.)
 *
 * <p>Where libjpeg's outcome depends on how far its bit buffer happened to read ahead (whole
 * bytes left between the end of a scan and the next marker), this check is stricter: any such byte
 * is corrupt data. The fuzz test with {@code djpeg} as the oracle holds it to that contract.
 *
 * <p>Reasons: {@code truncated} when the file ends before EOI (libjpeg: "Premature end of JPEG
 * file"), {@code corrupt_data} for anything else, with libjpeg's message class in the detail.
 */
public final class JpegDecodabilityCheck {

    private JpegDecodabilityCheck() {
    }

    /**
     * @throws ImageRejectedException {@code corrupt_data} or {@code truncated}, naming what libjpeg
     *                                would report
     */
    public static void check(byte[] jpeg) throws ImageRejectedException {
        check(jpeg, ImageTransformer.DEFAULT_TIME_LIMIT);
    }

    /**
     * As {@link #check(byte[])}, giving up after {@code limit} ({@code decode_error}): a valid but
     * pathological progressive file (thousands of scans over a huge frame) would otherwise take as
     * long to check as libjpeg takes to decode it, minutes for one member.
     */
    public static void check(byte[] jpeg, java.time.Duration limit) throws ImageRejectedException {
        Finding f = examine(jpeg, limit);
        if (f != null) {
            throw f.problem();
        }
    }

    /**
     * What is wrong with {@code jpeg}, and how it can be repaired; null when libjpeg decodes it
     * silently. A lossless repair's bytes are the file with one splice made: the next finding, if
     * any, is in them.
     */
    public static Finding examine(byte[] jpeg, java.time.Duration limit) {
        JpegCheck.Outcome o = JpegCheck.examine(jpeg, limit);
        return o.problem() == null ? null : new Finding(o.problem(), o.repair(), o.repaired());
    }

    /**
     * One problem: libjpeg's message, and its repair ({@code repair} null: fatal, libjpeg stops;
     * {@code repaired} the mended bytes of a lossless repair, null otherwise).
     */
    public record Finding(ImageRejectedException problem, RepairKind repair, byte[] repaired) {
    }
}
