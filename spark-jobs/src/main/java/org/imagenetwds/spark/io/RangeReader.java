package org.imagenetwds.spark.io;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.write.ByteRangeReader;

/**
 * Positional reads of sample bytes for one reading thread of a task. On S3A each sample is one
 * stream of one bounded GET, no HEAD ({@link ReadPolicy#streamPerRange}). Elsewhere samples of a
 * shard come from all over the input, so a few recently used sources are kept open rather than
 * reopened per sample.
 */
public final class RangeReader implements ByteRangeReader, AutoCloseable {

    /**
     * Sources one write task keeps open, over all its reading threads. On S3A an open stream may hold
     * a pooled HTTP connection, so a task's share must stay well below {@code fs.s3a.connection.maximum}
     * divided by the cores of an executor (200 / 4 in {@code conf/}), whatever the read parallelism.
     */
    public static final int OPEN_SOURCES_PER_TASK = 32;

    private final Configuration conf;
    private final int openSources;
    private final Map<String, FSDataInputStream> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FSDataInputStream> eldest) {
            if (size() > openSources) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    /** A reader for one of {@code readers} threads of a task, keeping its share of the task's open sources. */
    public RangeReader(Configuration conf, int readers) {
        this.conf = conf;
        this.openSources = Math.max(1, OPEN_SOURCES_PER_TASK / Math.max(1, readers));
    }

    /** Sources open now (at most this reader's share). */
    int openSources() {
        return open.size();
    }

    @Override
    public byte[] read(String source, long offset, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException(source + ": member of " + length + " bytes at " + offset + " is too large to read");
        }
        Path path = new Path(source);
        FileSystem fs = Storage.fs(path, conf);
        byte[] data = new byte[(int) length];
        try {
            if (ReadPolicy.streamPerRange(fs)) {
                try (FSDataInputStream in = ReadPolicy.RANDOM.open(fs, path, offset + length)) {
                    in.readFully(offset, data);
                }
            } else {
                kept(fs, path, source).readFully(offset, data);
            }
        } catch (IOException e) {
            throw new IOException("cannot read " + length + " bytes at " + offset + " of " + source + ": "
                    + e.getMessage(), e);
        }
        return data;
    }

    /** The stream kept open for {@code source}. */
    private FSDataInputStream kept(FileSystem fs, Path path, String source) throws IOException {
        FSDataInputStream in = open.get(source);
        if (in == null) {
            in = ReadPolicy.RANDOM.open(fs, path);
            open.put(source, in);
        }
        return in;
    }

    private static void closeQuietly(FSDataInputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // a read-only stream: nothing is lost by a failed close
        }
    }

    @Override
    public void close() {
        open.values().forEach(RangeReader::closeQuietly);
        open.clear();
    }
}
