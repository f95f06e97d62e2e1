package org.imagenetwds.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Comparator;
import java.util.UUID;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Abortable;
import org.apache.hadoop.fs.CommonPathCapabilities;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.dataset.Sha256;

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
        try (InputStream in = open(path, conf)) {
            return in.readAllBytes();
        }
    }

    /** A stream of the file, for files too large to hold; a missing file is named in one line. */
    public static InputStream open(Path path, Configuration conf) throws IOException {
        try {
            return fs(path, conf).open(path);
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException("missing " + path);
        }
    }

    /** Writes so that readers see the old file or the whole new one (see {@link #writeAtomically(Path, Path, Configuration, ContentWriter)}). */
    public static void writeAtomically(Path path, byte[] data, Configuration conf) throws IOException {
        Path tmp = hiddenTemp(path);
        if (fs(path, conf) instanceof RawLocalFileSystem local) {
            // java.nio, not Hadoop's local file system: without Hadoop's native library that forks a
            // chmod per created folder and file (~15 ms), which an ImageFolder tree pays per image
            java.nio.file.Path target = local.pathToFile(path).toPath();
            java.nio.file.Path temp = local.pathToFile(tmp).toPath();
            java.nio.file.Files.createDirectories(target.getParent());
            try {
                java.nio.file.Files.write(temp, data);
                java.nio.file.Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                java.nio.file.Files.deleteIfExists(temp);
            }
            return;
        }
        writeAtomically(path, tmp, conf, out -> {
            out.write(data);
            return null;
        });
    }

    /**
     * A temporary file beside {@code path}: hidden and unique, and as long whatever the target's name (a
     * prefix on that name would push a name near the file-system limit, 255 bytes, over it).
     */
    private static Path hiddenTemp(Path path) {
        return new Path(path.getParent(), "._tmp-" + UUID.randomUUID());
    }

    /** {@link #writeAtomically(Path, Path, Configuration, ContentWriter)} through a hidden file beside {@code path}. */
    public static <T> T writeAtomically(Path path, Configuration conf, ContentWriter<T> writer) throws IOException {
        return writeAtomically(path, hiddenTemp(path), conf, writer);
    }

    /**
     * Whether {@code fs} serves a bounded request rate per object, so that many reads of one object
     * queue behind each other: S3 (about 5,500 GET/s per partitioned prefix, one key at most one
     * partition) and Google Cloud Storage.
     */
    public static boolean limitsRatePerObject(FileSystem fs) {
        String scheme = fs.getUri().getScheme();
        return "s3a".equals(scheme) || "gs".equals(scheme);
    }

    /** Produces a file's content on the stream it is given. */
    @FunctionalInterface
    public interface ContentWriter<T> {
        T write(OutputStream out) throws IOException;
    }

    /**
     * A hash of one listing of {@code root} (or of {@code root} itself when it is a file): each entry's
     * name, size and modification time, folders included or not. No data is read.
     */
    public static String listingFingerprint(Path root, Configuration conf, boolean withFolders) throws IOException {
        FileSystem fs = fs(root, conf);
        FileStatus status = fs.getFileStatus(root);
        FileStatus[] entries = status.isFile() ? new FileStatus[] {status} : fs.listStatus(root);
        Arrays.sort(entries, Comparator.comparing(e -> e.getPath().getName()));
        MessageDigest sha = Sha256.newDigest();
        for (FileStatus e : entries) {
            if (e.isFile() || withFolders) {
                String line = e.getPath().getName() + "\t" + (e.isFile() ? e.getLen() : "dir") + "\t"
                        + e.getModificationTime() + "\n";
                sha.update(line.getBytes(StandardCharsets.UTF_8));
            }
        }
        return Sha256.hex(sha.digest());
    }

    /**
     * Every file under {@code root}, recursively: its path relative to {@code root} and its size. Local
     * folders are walked with java.nio (Hadoop's local listing forks an {@code ls} per file for its
     * permissions).
     */
    public static java.util.Map<String, Long> filesUnder(Path root, Configuration conf) throws IOException {
        FileSystem fs = fs(root, conf);
        java.util.Map<String, Long> files = new java.util.TreeMap<>();
        if (!fs.exists(root)) {
            return files;
        }
        if (fs instanceof RawLocalFileSystem local) {
            java.nio.file.Path base = local.pathToFile(root).toPath();
            try (var walk = java.nio.file.Files.walk(base)) {
                for (java.nio.file.Path p : (Iterable<java.nio.file.Path>) walk.filter(java.nio.file.Files::isRegularFile)::iterator) {
                    files.put(base.relativize(p).toString().replace(java.io.File.separatorChar, '/'), java.nio.file.Files.size(p));
                }
            }
            return files;
        }
        String prefix = fs.makeQualified(root).toUri().getPath() + "/";
        var it = fs.listFiles(root, true);
        while (it.hasNext()) {
            var f = it.next();
            files.put(f.getPath().toUri().getPath().substring(prefix.length()), f.getLen());
        }
        return files;
    }

    /**
     * A hash of every file under {@code root} (recursively) whose name passes {@code include}: path
     * relative to {@code root}, size, modification time. An absent folder hashes as empty.
     */
    public static String treeFingerprint(Path root, Configuration conf, java.util.function.Predicate<String> include)
            throws IOException {
        FileSystem fs = fs(root, conf);
        java.util.List<String> lines = new java.util.ArrayList<>();
        if (fs.exists(root)) {
            String prefix = fs.makeQualified(root).toUri().getPath();
            var files = fs.listFiles(root, true);
            while (files.hasNext()) {
                var f = files.next();
                if (include.test(f.getPath().getName())) {
                    lines.add(f.getPath().toUri().getPath().substring(prefix.length()) + "\t" + f.getLen() + "\t"
                            + f.getModificationTime() + "\n");
                }
            }
        }
        java.util.Collections.sort(lines);
        MessageDigest sha = Sha256.newDigest();
        lines.forEach(l -> sha.update(l.getBytes(StandardCharsets.UTF_8)));
        return Sha256.hex(sha.digest());
    }

    /**
     * Whether a file written to {@code path} becomes visible only when its stream is closed, and a
     * stream can be aborted instead: S3A, whose block output stream uploads parts as they fill and
     * creates the object only when the (multipart) upload completes on close. HDFS and local files
     * are visible, growing, while they are written.
     */
    public static boolean writesWholeObjects(FileSystem fs, Path path) throws IOException {
        return "s3a".equals(fs.getUri().getScheme()) && fs.hasPathCapability(path, CommonPathCapabilities.ABORTABLE_STREAM);
    }

    /**
     * Writes {@code path} so that it appears only complete, replacing an older copy; a failure
     * leaves {@code path} as it was.
     * <ul>
     *   <li>On an object store that publishes objects on close ({@link #writesWholeObjects}), straight
     *   to the final key: closing completes the upload (S3A aborts a multipart upload whose
     *   completion fails), and a failure while the content is produced <em>aborts</em> the stream, so
     *   no part of it is ever visible ({@code tmp} is unused; a rename on S3 would be a copy).</li>
     *   <li>Elsewhere through {@code tmp} (same file system), renamed into place once closed; a
     *   failure deletes {@code tmp}.</li>
     * </ul>
     * The stream is closed only after the content was produced without error: closing first (as a
     * try-with-resources would) would publish a truncated object on S3.
     */
    public static <T> T writeAtomically(Path path, Path tmp, Configuration conf, ContentWriter<T> writer)
            throws IOException {
        FileSystem fs = fs(path, conf);
        if (writesWholeObjects(fs, path)) {
            return writeObject(fs, path, writer);
        }
        T result;
        FSDataOutputStream out = fs.create(tmp, true);
        try {
            result = writer.write(out);
            out.close();
        } catch (Throwable e) {
            closeQuietly(out, e);
            deleteQuietly(fs, tmp, e);
            throw e;
        }
        if (fs.exists(path) && !fs.delete(path, false)) {
            fs.delete(tmp, false);
            throw new IOException("cannot replace " + path);
        }
        if (!fs.rename(tmp, path)) {
            fs.delete(tmp, false);
            throw new IOException("cannot rename " + tmp + " to " + path);
        }
        return result;
    }

    /** One object at its final key: completed by close, aborted on any failure before that. */
    private static <T> T writeObject(FileSystem fs, Path path, ContentWriter<T> writer) throws IOException {
        FSDataOutputStream out = fs.create(path, true);
        T result;
        try {
            result = writer.write(out);
        } catch (Throwable e) {
            abort(out, e);
            throw e;
        }
        out.close(); // completes the upload; if that fails, S3A aborts it and nothing is published
        return result;
    }

    private static void abort(Abortable out, Throwable cause) {
        try {
            Abortable.AbortableResult aborted = out.abort();
            if (aborted.anyCleanupException() != null) {
                cause.addSuppressed(aborted.anyCleanupException());
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(OutputStream out, Throwable cause) {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path path, Throwable cause) {
        try {
            fs.delete(path, false);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
