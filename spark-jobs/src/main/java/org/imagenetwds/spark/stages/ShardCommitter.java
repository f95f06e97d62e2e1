package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.write.PlannedSample;
import org.imagenetwds.write.ShardBuilder;
import org.imagenetwds.write.ShardResult;

/**
 * Makes a shard visible only when complete and remembers it: the tar is written to
 * {@code <output>/_tmp/} and renamed into place (HDFS, local), or on S3 uploaded straight to its
 * key as one object that appears only when the upload completes and is aborted on any failure
 * ({@link Storage#writeAtomically(Path, Path, Configuration, Storage.ContentWriter)}); then a commit
 * record (size, SHA-256, manifest and rejected rows) is written under {@code --work}. A later run, or a retried task, reuses a shard
 * whose record matches its fingerprint and whose bytes still hash to the recorded checksum.
 */
public final class ShardCommitter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What is stored per committed shard. */
    public record CommitRecord(String fingerprint, ShardResult result) {
    }

    /** A committed shard (or ImageFolder task): {@code written} false when an earlier commit was reused. */
    public record Committed(ShardResult result, boolean written) {
    }

    private final WorkPaths paths;
    private final Configuration conf;
    private final String fingerprint;

    public ShardCommitter(WorkPaths paths, Configuration conf, String fingerprint) {
        this.paths = paths;
        this.conf = conf;
        this.fingerprint = fingerprint;
    }

    /** The committed result of the shard: reused when still valid, else written now. */
    public Committed commit(String split, String shard, List<PlannedSample> samples, ShardBuilder builder)
            throws IOException {
        ShardResult reusable = reusable(shard);
        if (reusable != null) {
            return new Committed(reusable, false);
        }
        Path tmp = new Path(paths.shardTemp(), shard + "." + UUID.randomUUID());
        ShardResult result = Storage.writeAtomically(paths.shard(shard), tmp, conf,
                out -> builder.build(split, shard, samples, out));
        Storage.writeAtomically(paths.commit(shard), JSON.writeValueAsBytes(new CommitRecord(fingerprint, result)), conf);
        return new Committed(result, true);
    }

    /**
     * The committed result of one write task of an ImageFolder tree: its files written in place (each
     * atomically: a file is whole or absent), then the record; reused while the record matches the
     * fingerprint and every file it lists is there with its size. A task that failed half way leaves
     * files its retry writes again with the same bytes.
     */
    public Committed commitFiles(String split, String shard, List<PlannedSample> samples, ShardBuilder builder)
            throws IOException {
        ShardResult reusable = reusableFiles(shard);
        if (reusable != null) {
            return new Committed(reusable, false);
        }
        ShardResult result = builder.buildFiles(split, shard, samples,
                (path, data) -> Storage.writeAtomically(new Path(paths.output(), path), data, conf));
        Storage.writeAtomically(paths.commit(shard), JSON.writeValueAsBytes(new CommitRecord(fingerprint, result)), conf);
        return new Committed(result, true);
    }

    private ShardResult reusableFiles(String shard) throws IOException {
        CommitRecord record = record(shard);
        if (record == null) {
            return null;
        }
        for (var entry : record.result().written()) {
            Path file = new Path(paths.output(), entry.shard());
            if (!Storage.exists(file, conf) || Storage.fs(file, conf).getFileStatus(file).getLen() != entry.jpgLength()) {
                return null;
            }
        }
        return record.result();
    }

    /** The record of a shard written with this fingerprint, or null. */
    private CommitRecord record(String shard) throws IOException {
        Path marker = paths.commit(shard);
        if (!Storage.exists(marker, conf)) {
            return null;
        }
        try {
            CommitRecord record = JSON.readValue(Storage.read(marker, conf), CommitRecord.class);
            return fingerprint.equals(record.fingerprint()) ? record : null;
        } catch (IOException e) {
            return null; // unreadable record: write the shard again
        }
    }

    /** The stored record of a committed shard (it must exist). */
    public static ShardResult read(WorkPaths paths, Configuration conf, String shard) throws IOException {
        return JSON.readValue(Storage.read(paths.commit(shard), conf), CommitRecord.class).result();
    }

    private ShardResult reusable(String shard) throws IOException {
        Path target = paths.shard(shard);
        CommitRecord record = record(shard);
        if (record == null || !Storage.exists(target, conf)) {
            return null;
        }
        FileSystem fs = Storage.fs(target, conf);
        FileStatus status = fs.getFileStatus(target);
        if (status.getLen() != record.result().bytes()) {
            return null;
        }
        return record.result().sha256().equals(sha256(fs, target)) ? record.result() : null;
    }

    private static String sha256(FileSystem fs, Path path) throws IOException {
        MessageDigest sha = Sha256.newDigest();
        try (InputStream in = new DigestInputStream(fs.open(path), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return Sha256.hex(sha.digest());
    }
}
