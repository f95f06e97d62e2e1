package org.imagenetwds.dataset;

import java.util.Locale;

/** The three shapes of the raw release (SPEC §2). */
public enum InputLayout implements Coded {
    /** A directory of {@code n01440764.tar} files holding flat image members. */
    SYNSET_TARS,
    /** One outer tar ({@code fall11_whole.tar}) whose members are the per-synset tars. */
    FALL11_TAR,
    /** An extracted tree {@code n01440764/n01440764_10026.JPEG}. */
    FOLDERS;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static InputLayout fromCode(String code) {
        return Coded.parse(values(), code, "--layout");
    }
}
