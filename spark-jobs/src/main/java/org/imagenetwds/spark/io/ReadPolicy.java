package org.imagenetwds.spark.io;

import java.io.IOException;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
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

    public FSDataInputStream open(FileSystem fs, Path path) throws IOException {
        return FutureIO.awaitFuture(fs.openFile(path)
                .opt("fs.option.openfile.read.policy", name) // Hadoop 3.3.5 and later
                .opt("fs.s3a.experimental.input.fadvise", name) // S3A in Hadoop 3.3.4
                .build());
    }
}
