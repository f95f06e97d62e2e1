package org.imagenetwds.sample;

import java.io.Closeable;
import java.io.IOException;

/** Where generated members go: a tar ({@link ReleaseTar}) or a folder ({@link ReleaseFolder}). */
public interface ReleaseSink extends Closeable {

    void add(ReleaseMember member) throws IOException;
}
