package org.imagenetwds.spark.io;

import java.io.IOException;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FutureDataInputStreamBuilder;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.s3a.S3AFileStatus;
import org.apache.hadoop.fs.s3a.S3AFileSystem;
import org.apache.hadoop.util.functional.FutureIO;

/**
 * How a file is about to be read, passed to the file system when it is opened. On S3A it decides
 * the GETs: {@code count} streams each tar front to back (one GET per tar or byte range), while
 * {@code write} reads one member here and one there (one bounded ranged GET per sample, on pooled
 * connections, instead of an open-ended GET aborted after a few hundred kilobytes). Other file
 * systems ignore the hint.
 */
public enum ReadPolicy {
    SEQUENTIAL("sequential"),
    RANDOM("random");

    private final String name;

    ReadPolicy(String name) {
        this.name = name;
    }

    /**
     * Opens {@code path} to read no byte at or past {@code readEnd}, an end the caller already knows
     * (a listed length, or the end of a member the inventory located). S3A then sends no HEAD: the
     * stream's first GET is its first request, bounded by {@code readEnd}. S3A retries a 503 Slow
     * Down on a stream's first GET only ({@code fs.s3a.retry.throttle.*}; Hadoop 3.3.4 re-opens a
     * stream after a seek without retrying), which is why S3A reads open a stream per range
     * ({@link #streamPerRange}).
     */
    public FSDataInputStream open(FileSystem fs, Path path, long readEnd) throws IOException {
        FutureDataInputStreamBuilder builder = builder(fs, path)
                .opt("fs.option.openfile.length", Long.toString(readEnd)); // Hadoop 3.3.5 and later
        if (fs instanceof S3AFileSystem) {
            // Hadoop 3.3.4's S3A skips its HEAD only for a status of its own type (3.3.5+ takes any status)
            builder.withFileStatus(new S3AFileStatus(readEnd, 0, fs.makeQualified(path), fs.getDefaultBlockSize(path),
                    "", null, null));
        }
        return FutureIO.awaitFuture(builder.build());
    }

    /** Opens {@code path} whole, its length unknown (on S3A a HEAD asks it). */
    public FSDataInputStream open(FileSystem fs, Path path) throws IOException {
        return FutureIO.awaitFuture(builder(fs, path).build());
    }

    private FutureDataInputStreamBuilder builder(FileSystem fs, Path path) throws IOException {
        return fs.openFile(path)
                .opt("fs.option.openfile.read.policy", name) // Hadoop 3.3.5 and later
                .opt("fs.s3a.experimental.input.fadvise", name); // S3A in Hadoop 3.3.4
    }

    /**
     * Whether each byte range of {@code fs} is read through its own stream: on S3A, where such a
     * stream costs no request beyond its one GET and that GET gets the throttle retries (see
     * {@link #open}). Elsewhere a stream is kept and seeked: an HDFS open asks the NameNode.
     */
    public static boolean streamPerRange(FileSystem fs) {
        return fs instanceof S3AFileSystem;
    }
}
