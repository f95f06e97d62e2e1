package org.imagenetwds.spark.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

import org.apache.hadoop.fs.FSDataInputStream;

/** A read-only {@link SeekableByteChannel} over a Hadoop stream, so a tar index can seek over member data. */
public final class HadoopSeekableChannel implements SeekableByteChannel {

    private final FSDataInputStream in;
    private final long size;
    private final byte[] buffer = new byte[64 * 1024];
    private boolean open = true;

    public HadoopSeekableChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        int n = in.read(buffer, 0, Math.min(buffer.length, dst.remaining()));
        if (n > 0) {
            dst.put(buffer, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        in.seek(Math.min(newPosition, size));
        return this;
    }

    @Override
    public long size() {
        return size;
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
        in.close();
    }
}
