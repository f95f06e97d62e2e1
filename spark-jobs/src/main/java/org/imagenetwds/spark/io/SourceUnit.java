package org.imagenetwds.spark.io;

import java.io.Serializable;

/**
 * One task's worth of input for {@code count}: a per-synset tar (a whole file, or a byte range of
 * the outer tar) or a synset folder of image files.
 */
public record SourceUnit(String synset, Kind kind, String source, long offset, long length) implements Serializable {

    public enum Kind { TAR, FOLDER }
}
