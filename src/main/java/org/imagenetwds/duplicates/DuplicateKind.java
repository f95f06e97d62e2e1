package org.imagenetwds.duplicates;

import java.util.Locale;

/** How two images are the same: the same image data ({@code exact}), or a perceptual-hash match ({@code near}). */
public enum DuplicateKind {
    /** Equal exact-content hashes: the same image once metadata is stripped. */
    EXACT,
    /** Perceptual hashes within the threshold, confirmed by the second check. */
    NEAR;

    /** Its name in tables, {@code stats.json} and the options ({@code --dedup exact|near}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DuplicateKind fromCode(String code) {
        for (DuplicateKind k : values()) {
            if (k.code().equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("duplicate kind must be exact or near, got " + code);
    }
}
