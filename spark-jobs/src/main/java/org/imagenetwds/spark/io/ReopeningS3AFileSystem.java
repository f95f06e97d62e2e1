package org.imagenetwds.spark.io;

import java.io.EOFException;
import java.io.IOException;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileSystem;

/**
 * S3A whose {@code open(path)} streams, the ones Spark's own Parquet reader opens on the work tables,
 * survive a 503 Slow Down after a seek. Hadoop 3.3.4's S3A retries a throttled GET only on a stream's
 * first open and re-opens a seeked stream once ({@code S3AInputStream.lazySeek}); a Parquet read
 * always seeks back (footer, then row groups), so a throttled store failed the run there. A read that
 * fails here is made again by a fresh stream at the same position, whose GET is its first and gets
 * S3A's throttle retries ({@code fs.s3a.retry.throttle.*}). Hadoop 3.4 retries every re-open itself,
 * so there this adds nothing. Set by {@code fs.s3a.impl} in {@code conf/spark-defaults.conf}; the
 * project's own reads ({@link ReadPolicy}) open a stream per range and need no help.
 */
public class ReopeningS3AFileSystem extends S3AFileSystem {

    @Override
    public FSDataInputStream open(Path path, int bufferSize) throws IOException {
        return new FSDataInputStream(new Reopening(() -> super.open(path, bufferSize)));
    }

    private interface Opener {
        FSDataInputStream open() throws IOException;
    }

    /** A stream that, when a read fails, opens the file again at its position and reads once more. */
    private static final class Reopening extends FSInputStream {

        private final Opener opener;
        private FSDataInputStream in;
        private long position;

        Reopening(Opener opener) throws IOException {
            this.opener = opener;
            this.in = opener.open();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (EOFException e) {
                throw e;
            } catch (IOException e) {
                try {
                    reopen();
                    n = in.read(b, off, len);
                } catch (IOException again) {
                    again.addSuppressed(e);
                    throw again;
                }
            }
            if (n > 0) {
                position += n;
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        private void reopen() throws IOException {
            try {
                in.close();
            } catch (IOException ignored) {
                // the failed stream: nothing is lost by a failed close
            }
            in = opener.open();
            in.seek(position);
        }

        @Override
        public void seek(long pos) throws IOException {
            in.seek(pos);
            position = pos;
        }

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public boolean seekToNewSource(long targetPos) {
            return false;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
