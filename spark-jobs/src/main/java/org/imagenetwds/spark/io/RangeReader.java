package org.imagenetwds.spark.io;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.write.ByteRangeReader;

/**
 * Positional reads of sample bytes for one task. Samples of a shard come from all over the input,
 * so a few recently used sources are kept open rather than reopened per sample.
 */
public final class RangeReader implements ByteRangeReader, AutoCloseable {

    private static final int OPEN_SOURCES = 32;

    private final Configuration conf;
    private final Map<String, FSDataInputStream> open = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FSDataInputStream> eldest) {
            if (size() > OPEN_SOURCES) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    public RangeReader(Configuration conf) {
        this.conf = conf;
    }

    @Override
    public byte[] read(String source, long offset, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException(source + ": member of " + length + " bytes at " + offset + " is too large to read");
        }
        FSDataInputStream in = open.get(source);
        if (in == null) {
            Path path = new Path(source);
            in = ReadPolicy.RANDOM.open(Storage.fs(path, conf), path);
            open.put(source, in);
        }
        byte[] data = new byte[(int) length];
        try {
            in.readFully(offset, data);
        } catch (IOException e) {
            throw new IOException("cannot read " + length + " bytes at " + offset + " of " + source + ": "
                    + e.getMessage(), e);
        }
        return data;
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
