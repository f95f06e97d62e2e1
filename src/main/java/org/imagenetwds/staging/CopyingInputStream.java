package org.imagenetwds.staging;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The first {@code length} bytes of a stream, each byte read (or skipped) also written to a copy:
 * {@code count} inventories a staged range and copies it in one pass over its bytes.
 * {@link #finish} copies what the reader left unread, so the copy is always the whole range.
 */
public final class CopyingInputStream extends InputStream {

    private final InputStream in;
    private final OutputStream copy;
    private final long length;
    private final String what;
    private long read;

    /** @param what the range, as an error names it */
    public CopyingInputStream(InputStream in, long length, OutputStream copy, String what) {
        this.in = in;
        this.length = length;
        this.copy = copy;
        this.what = what;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (read >= length) {
            return -1;
        }
        int n = in.read(b, off, (int) Math.min(len, length - read));
        if (n > 0) {
            copy.write(b, off, n);
            read += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 1 << 16)];
        long skipped = 0;
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    /** Reads and copies the rest of the range; fails if the stream ends before it. */
    public void finish() throws IOException {
        skip(length - read);
        if (read < length) {
            throw new EOFException(what + " ended after " + read + " of its " + length + " bytes");
        }
    }

    /**
     * Closes nothing: a reader that closes what it reads (a tar reader does) must not end the range
     * before {@link #finish}; the stream read is closed by whoever opened it, the copy by its writer.
     */
    @Override
    public void close() {
    }
}
