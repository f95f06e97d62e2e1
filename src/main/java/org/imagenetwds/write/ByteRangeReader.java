package org.imagenetwds.write;

import java.io.IOException;

/** Reads {@code length} bytes at {@code offset} of a source (a file or an object). */
@FunctionalInterface
public interface ByteRangeReader {
    byte[] read(String source, long offset, long length) throws IOException;
}
