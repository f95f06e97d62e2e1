package org.imagenetwds.staging;

import java.util.Locale;

import org.imagenetwds.dataset.Coded;

/**
 * Whether {@code count} copies each inner tar of one big input object (an outer tar such as
 * {@code fall11_whole.tar}) to its own object under {@code --work} while it reads it, so that
 * {@code write}'s one read per sample is spread over many keys instead of sent to one
 * ({@code --stage-inputs}). An object store serves a bounded request rate per key (S3: about 5,500
 * GET/s per partition, and one key is one partition); a file system has no such limit, and a
 * per-synset object is already its own key, so only byte ranges of a shared object are ever staged.
 */
public enum InputStaging implements Coded {
    /** Stage the ranges of a shared object when that object is on an object store. */
    AUTO,
    /** Stage the ranges of a shared object wherever it is. */
    ALWAYS,
    /** Read samples from the input as given. */
    NEVER;

    /** The codes as {@code --stage-inputs} lists them (a constant: annotations need one). */
    public static final String CHOICES = "auto|always|never";

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InputStaging fromCode(String code) {
        return Coded.parse(values(), code, "--stage-inputs");
    }

    /**
     * Whether a byte range of a source shared with other ranges is staged, its source being on an
     * object store or not.
     */
    public boolean stages(boolean onObjectStore) {
        return this == ALWAYS || (this == AUTO && onObjectStore);
    }
}
