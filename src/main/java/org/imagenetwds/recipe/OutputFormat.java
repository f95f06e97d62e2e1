package org.imagenetwds.recipe;

import java.util.Arrays;
import java.util.Locale;

/** How the dataset is laid out in the output. */
public enum OutputFormat {
    /** Shuffled tar shards of {@code .cls}/{@code .jpg}/{@code .json} samples with {@code _info.json} (timm, webdataset). */
    WEBDATASET,
    /**
     * {@code train/<wnid>/<file>} and {@code val/<wnid>/<file>}, what the devkit's {@code valprep.sh}
     * and PyTorch's reference scripts produce, for torchvision's {@code ImageFolder}.
     */
    IMAGEFOLDER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OutputFormat fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code().equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown --format " + code + " (webdataset or imagefolder)"));
    }
}
