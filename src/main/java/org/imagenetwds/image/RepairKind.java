package org.imagenetwds.image;

/** How a JPEG that libjpeg decodes with a warning is repaired ({@code _meta/repaired}'s {@code repair}). */
public enum RepairKind {
    /** Bytes between segments (or after a scan's last entropy-coded bit) removed: every scan bit for bit the same. */
    CUT(true),
    /** The standard Huffman table libjpeg substitutes for a missing one, inserted before the scan that uses it. */
    HUFFMAN_TABLES(true),
    /** The file ended after a whole scan: the end-of-image marker written where libjpeg supposes it. */
    END_MARKER(true),
    /**
     * The file ended inside a scan's data: decoded as libjpeg decodes it (what is missing grey, or as
     * the earlier scans of a progressive file left it) and encoded again.
     */
    TRUNCATED_SCAN(false),
    /** Decoded leniently as libjpeg decodes it (grey where data is missing) and encoded again. */
    REENCODED(false);

    private final boolean lossless;

    RepairKind(boolean lossless) {
        this.lossless = lossless;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** True when the repaired file decodes to the very pixels the damaged one decodes to (else it is re-encoded). */
    public boolean lossless() {
        return lossless;
    }
}
