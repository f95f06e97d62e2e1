package org.imagenetwds.image;

/** Container formats recognised from their first bytes, whatever the member's extension says. */
public enum ImageFormat {
    JPEG, PNG, GIF, BMP, TIFF, WEBP, UNKNOWN;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
