package org.imagenetwds.image;

import java.util.Locale;

import org.imagenetwds.dataset.Coded;

/**
 * What becomes of a JPEG that libjpeg decodes to the end with warnings ({@code --damaged}): repaired
 * and kept ({@link JpegRepair}), or rejected as {@code corrupt_data}/{@code truncated} as earlier
 * versions did. A JPEG libjpeg stops on with an error is rejected either way.
 */
public enum DamagedImages implements Coded {
    REPAIR,
    REJECT;

    /** The codes as {@code --damaged} lists them (a constant: annotations need one). */
    public static final String CHOICES = "repair|reject";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DamagedImages fromCode(String code) {
        return Coded.parse(values(), code, "--damaged");
    }
}
