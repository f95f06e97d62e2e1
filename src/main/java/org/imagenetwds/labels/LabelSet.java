package org.imagenetwds.labels;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The validation label sets a build can attach ({@code --label-set real=URI}, {@code --label-set multilabel=URI}). */
public enum LabelSet {
    /** ReaL (Beyer et al. 2020), {@code real.json}. */
    REAL("real"),
    /** The multi-label annotations of Shankar et al. 2020, {@code human_accuracy_v3.0.0.json}. */
    MULTILABEL("multilabel");

    private final String code;

    LabelSet(String code) {
        this.code = code;
    }

    /** How the option and {@code _info.json} name it. */
    public String code() {
        return code;
    }

    public static LabelSet fromCode(String code) {
        return Arrays.stream(values()).filter(s -> s.code.equals(code.toLowerCase(Locale.ROOT))).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown label set '" + code + "': "
                        + Arrays.stream(values()).map(LabelSet::code).collect(Collectors.joining(" or "))));
    }
}
