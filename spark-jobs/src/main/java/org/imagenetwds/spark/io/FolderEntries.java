package org.imagenetwds.spark.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.imagenetwds.tar.TarMember;

/**
 * The entries of an input folder as they are, links not followed (SPEC §2: a link is reported, its
 * target never opened) — except, by {@link #followed}, at the top of the input. Hadoop 3.3.4's local file system cannot tell: its {@code listStatus} and even
 * its {@code getFileLinkStatus} stat through a link (a link to a file reads as that file, to a folder
 * as that folder, and a dangling one is left out), so local folders are read with java.nio. HDFS
 * listings report a link as a link; S3 has none.
 */
public final class FolderEntries {

    /** One entry: its path, what it is (as a tar header would say), and its size (0 unless a regular file). */
    public record Entry(Path path, TarMember.Kind kind, long length) {

        public String name() {
            return path.getName();
        }

        public boolean isDirectory() {
            return kind == TarMember.Kind.DIRECTORY;
        }
    }

    private FolderEntries() {
    }

    /** The entries of folder {@code dir} (qualified), by name. */
    public static List<Entry> list(FileSystem fs, Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (fs instanceof RawLocalFileSystem local) {
            try (Stream<java.nio.file.Path> children = Files.list(local.pathToFile(dir).toPath())) {
                for (java.nio.file.Path child : (Iterable<java.nio.file.Path>) children::iterator) {
                    // new Path(null, null, name): a name with ':' is a name, not a URI scheme
                    entries.add(local(new Path(dir, new Path(null, null, child.getFileName().toString())), child, false));
                }
            }
        } else {
            for (FileStatus status : fs.listStatus(dir)) {
                entries.add(remote(status));
            }
        }
        entries.sort(Comparator.comparing(Entry::name));
        return List.copyOf(entries);
    }

    /** The entry at {@code path} (qualified) itself, a link as a link. */
    public static Entry of(FileSystem fs, Path path) throws IOException {
        return fs instanceof RawLocalFileSystem local ? local(path, local.pathToFile(path).toPath(), false)
                : remote(fs.getFileStatus(path));
    }

    /**
     * The entry a link at the top of the input stands for: a link to a synset tar or folder is how an
     * input is often put together (a folder of links into shared storage), and the user chose it. A
     * dangling link stays a link. Links inside a synset are members, and never followed.
     */
    public static Entry followed(FileSystem fs, Entry entry) throws IOException {
        if (entry.kind() != TarMember.Kind.SYMLINK) {
            return entry;
        }
        if (fs instanceof RawLocalFileSystem local) {
            java.nio.file.Path file = local.pathToFile(entry.path()).toPath();
            return Files.exists(file) ? local(entry.path(), file, true) : entry;
        }
        try {
            FileStatus target = fs.getFileStatus(entry.path()); // resolves links (HDFS)
            return entry(entry.path(), target);
        } catch (java.io.FileNotFoundException dangling) {
            return entry;
        }
    }

    /** @param throughLinks what a link points to, rather than the link itself */
    private static Entry local(Path path, java.nio.file.Path file, boolean throughLinks) throws IOException {
        BasicFileAttributes a = throughLinks ? Files.readAttributes(file, BasicFileAttributes.class)
                : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        TarMember.Kind kind = a.isSymbolicLink() ? TarMember.Kind.SYMLINK
                : a.isDirectory() ? TarMember.Kind.DIRECTORY
                : a.isRegularFile() ? TarMember.Kind.REGULAR_FILE : TarMember.Kind.OTHER;
        return new Entry(path, kind, kind == TarMember.Kind.REGULAR_FILE ? a.size() : 0);
    }

    private static Entry remote(FileStatus s) {
        return entry(s.getPath(), s);
    }

    /** The entry at {@code path} as {@code s} describes it. */
    private static Entry entry(Path path, FileStatus s) {
        TarMember.Kind kind = s.isSymlink() ? TarMember.Kind.SYMLINK
                : s.isDirectory() ? TarMember.Kind.DIRECTORY
                : s.isFile() ? TarMember.Kind.REGULAR_FILE : TarMember.Kind.OTHER;
        return new Entry(path, kind, kind == TarMember.Kind.REGULAR_FILE ? s.getLen() : 0);
    }
}
