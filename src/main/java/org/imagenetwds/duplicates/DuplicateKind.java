package org.imagenetwds.duplicates;

import java.util.Locale;

import org.imagenetwds.dataset.Coded;

/** How two images are the same: the same image data ({@code exact}), or a perceptual-hash match ({@code near}). */
public enum DuplicateKind implements Coded {
    /** Equal exact-content hashes: the same image once metadata is stripped. */
    EXACT,
    /** Perceptual hashes within the threshold, confirmed by the second check. */
    NEAR;

    /** The option that asks for duplicates to be removed, as messages and the dedup stage's fingerprint name it. */
    public static final String OPTION = "--dedup";

    /** Its name in tables, {@code stats.json} and the options ({@code --dedup exact|near}). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DuplicateKind fromCode(String code) {
        return Coded.parse(values(), code, OPTION);
    }
}
