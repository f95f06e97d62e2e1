package org.imagenetwds.image;

/** What was done to a source image to produce the written JPEG (the manifest's {@code action}). */
public enum ImageAction {
    /** Bytes written exactly as read. */
    COPIED,
    /** Metadata segments removed; compressed image data unchanged. */
    STRIPPED,
    /** Decoded, resized to the short-edge limit, encoded. */
    RESIZED,
    /** Decoded and re-encoded as an sRGB/grey baseline JPEG (not a plain JPEG to begin with). */
    CONVERTED,
    /** A plain JPEG libjpeg decodes only with warnings: decoded leniently and re-encoded (its size kept). */
    REPAIRED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
