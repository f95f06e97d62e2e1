package org.imagenetwds.staging;

import java.io.Serializable;

/**
 * One byte range of an input object and the object under {@code --work} that holds a copy of
 * exactly those bytes.
 *
 * @param staged the copy's URI: byte {@code offset + i} of {@code source} is byte {@code i} of it
 */
public record StagedRange(String source, long offset, long length, String staged) implements Serializable {

    public StagedRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("staged range of " + source + " at " + offset + " of " + length + " bytes");
        }
    }

    public long end() {
        return offset + length;
    }
}
