package org.imagenetwds.image;

import java.time.Duration;

/**
 * Decides what becomes of a JPEG by what libjpeg does with it ({@link JpegDecodabilityCheck}):
 * clean (no message: kept), repairable (libjpeg decodes it to the end with warnings: repaired) or
 * fatal (libjpeg stops with an error: rejected). Lossless repairs are made one after another while
 * each leaves a file with only such damage; anything else is re-encoded from a lenient decode of
 * the file as given.
 */
public final class JpegRepair {

    /** More lossless splices than this on one file, and it is re-encoded instead (a hostile file, not a damaged one). */
    private static final int MAX_SPLICES = 32;

    private JpegRepair() {
    }

    /**
     * @param kind     how it is repaired
     * @param message  libjpeg's message on the file as given (the first problem found; for a truncated scan
     *                 also how much of it is there)
     * @param repaired a lossless repair's bytes, which libjpeg decodes silently; for a re-encode
     *                 ({@link RepairKind#lossless()} false) the bytes to decode leniently: the file as given with the lossless splices made
     *                 (each decodes as libjpeg decodes the file: a substituted Huffman table is then in it)
     */
    public record Repair(RepairKind kind, String message, byte[] repaired) {
    }

    /** The JPEGs the check reads as libjpeg does: 8-bit Huffman-coded, sequential or progressive (CMYK included). */
    public static boolean understands(ImageHeader header) {
        return header.format() == ImageFormat.JPEG && header.precision() == 8
                && (header.jpegProcess() == ImageHeader.JpegProcess.BASELINE
                    || header.jpegProcess() == ImageHeader.JpegProcess.EXTENDED
                    || header.jpegProcess() == ImageHeader.JpegProcess.PROGRESSIVE);
    }

    /**
     * @return null when libjpeg decodes {@code jpeg} with no message
     * @throws ImageRejectedException when libjpeg stops with an error (today's reasons and details)
     */
    public static Repair plan(byte[] jpeg, Duration limit) throws ImageRejectedException {
        JpegDecodabilityCheck.Finding first = JpegDecodabilityCheck.examine(jpeg, limit);
        if (first == null) {
            return null;
        }
        if (first.repair() == null) {
            throw first.problem();
        }
        JpegDecodabilityCheck.Finding f = first;
        byte[] mended = jpeg;
        for (int splices = 0; f.repaired() != null && splices < MAX_SPLICES; splices++) {
            mended = f.repaired();
            f = JpegDecodabilityCheck.examine(mended, limit);
            if (f == null) {
                return new Repair(first.repair(), message(first), mended);
            }
        }
        if (f.repair() == null) {
            throw f.problem(); // libjpeg meets the same error after the warnings
        }
        // a truncated scan is named as such, with how much of it is there; other damage is "reencoded"
        RepairKind kind = f.repair().lossless() ? RepairKind.REENCODED : f.repair();
        return new Repair(kind, f != first && f.extent() != null ? first.problem().detail() + "; " + message(f)
                : message(first), mended);
    }

    private static String message(JpegDecodabilityCheck.Finding f) {
        return f.extent() == null ? f.problem().detail() : f.problem().detail() + ": " + f.extent();
    }
}
