package org.imagenetwds.labels;

import java.util.Locale;

import org.imagenetwds.dataset.Coded;

/** The validation label sets a build can attach ({@code --label-set real=URI}, {@code --label-set multilabel=URI}). */
public enum LabelSet implements Coded {
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
        return Coded.parse(values(), code.toLowerCase(Locale.ROOT), "label set");
    }
}
