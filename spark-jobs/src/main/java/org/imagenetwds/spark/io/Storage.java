package org.imagenetwds.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/** Small-file reads and writes on any Hadoop FileSystem (file://, hdfs://, s3a://). */
public final class Storage {

    private Storage() {
    }

    /**
     * The file system of {@code path}. For local paths the raw file system: Hadoop's checksummed
     * local file system would leave a {@code .crc} file beside every shard for users to trip over.
     */
    public static FileSystem fs(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    public static boolean exists(Path path, Configuration conf) throws IOException {
        return fs(path, conf).exists(path);
    }

    public static byte[] read(Path path, Configuration conf) throws IOException {
        try (InputStream in = fs(path, conf).open(path)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("missing " + path);
        }
    }

    /** Writes through a temporary sibling renamed into place: readers see the old file or the whole new one. */
    public static void writeAtomically(Path path, byte[] data, Configuration conf) throws IOException {
        Path tmp = new Path(path.getParent(), "._tmp-" + UUID.randomUUID() + "-" + path.getName());
        writeAtomically(path, tmp, conf, out -> {
            out.write(data);
            return null;
        });
    }

    /** Produces a file's content on the stream it is given. */
    @FunctionalInterface
    public interface ContentWriter<T> {
        T write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code path} through {@code tmp} (same file system) and renames it into place, replacing
     * an older copy; a failure deletes the temporary file and leaves {@code path} as it was.
     */
    public static <T> T writeAtomically(Path path, Path tmp, Configuration conf, ContentWriter<T> writer)
            throws IOException {
        FileSystem fs = fs(path, conf);
        T result;
        try (FSDataOutputStream out = fs.create(tmp, true)) {
            result = writer.write(out);
        } catch (IOException | RuntimeException e) {
            fs.delete(tmp, false);
            throw e;
        }
        if (fs.exists(path) && !fs.delete(path, false)) {
            throw new IOException("cannot replace " + path);
        }
        if (!fs.rename(tmp, path)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + path);
        }
        return result;
    }
}
