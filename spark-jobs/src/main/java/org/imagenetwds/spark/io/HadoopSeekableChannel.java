package org.imagenetwds.spark.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * A read-only {@link SeekableByteChannel} over a Hadoop file, so a tar index can seek over member
 * data. Where {@link ReadPolicy#streamPerRange} each seek ends the stream and the next read opens
 * another: every header read is then a stream's first GET, which S3A retries on a 503 Slow Down.
 */
public final class HadoopSeekableChannel implements SeekableByteChannel {

    private final FileSystem fs;
    private final FileStatus file;
    private final boolean streamPerRange;
    private final byte[] buffer = new byte[64 * 1024];
    private FSDataInputStream in; // null until the next read opens one at position
    private long position;
    private boolean open = true;

    public HadoopSeekableChannel(FileSystem fs, FileStatus file) {
        this.fs = fs;
        this.file = file;
        this.streamPerRange = ReadPolicy.streamPerRange(fs);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (in == null) {
            in = ReadPolicy.RANDOM.open(fs, file.getPath(), file.getLen());
            in.seek(position);
        }
        int n = in.read(buffer, 0, Math.min(buffer.length, dst.remaining()));
        if (n > 0) {
            dst.put(buffer, 0, n);
            position += n;
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        long target = Math.min(newPosition, file.getLen());
        if (target != position && in != null) {
            if (streamPerRange) {
                closeStream();
            } else {
                in.seek(target);
            }
        }
        position = target;
        return this;
    }

    @Override
    public long size() {
        return file.getLen();
    }

    @Override
    public SeekableByteChannel truncate(long s) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        closeStream();
    }

    private void closeStream() throws IOException {
        if (in != null) {
            FSDataInputStream closing = in;
            in = null;
            closing.close();
        }
    }
}
