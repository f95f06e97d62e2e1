package org.imagenetwds.spark.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.tar.OuterTarIndexer;
import org.imagenetwds.tar.TarMember;

/**
 * Finds out which of the three layouts (SPEC §2) the input has and cuts it into {@link SourceUnit}s,
 * one per synset. For the outer tar only headers are read, by seeking: each inner tar becomes a
 * byte range processed by its own task.
 */
public final class InputLocator {

    /**
     * The layout, the units in synset order, and what was left out: the outer tar's members or the
     * input folder's entries that are not synsets of the layout, as {@link #described} names them.
     */
    public record InputPlan(InputLayout layout, List<SourceUnit> units, List<String> ignored) {

        /** How many of the left-out entries the warning names. */
        static final int EXAMPLES = 3;

        public InputPlan {
            units = List.copyOf(units);
            ignored = List.copyOf(ignored);
        }

        /**
         * The one line that says what was left out (how many, the first few), or empty: what is not
         * read is not in {@code input_members} either, so it must not go unsaid.
         */
        public Optional<String> ignoredLine() {
            if (ignored.isEmpty()) {
                return Optional.empty();
            }
            String what = switch (layout) {
                case FALL11_TAR -> "outer-tar members that are not synset tars";
                case SYNSET_TARS -> "input entries that are not synset tars (nXXXXXXXX.tar)";
                case FOLDERS -> "input entries that are not synset folders (nXXXXXXXX/)";
            };
            return Optional.of("ignoring " + ignored.size() + " " + what + ": " + FirstNames.of(ignored, EXAMPLES));
        }
    }

    private InputLocator() {
    }

    public static InputPlan locate(String input, Configuration conf) throws IOException {
        FileSystem fs = Storage.fs(new Path(input), conf);
        Path root = fs.makeQualified(new Path(input));
        FileStatus status;
        try {
            status = fs.getFileStatus(root);
        } catch (java.io.FileNotFoundException e) {
            throw missing(input);
        }
        if (status.isFile()) {
            String synset = synsetOfTar(root.getName());
            if (synset != null) {
                return new InputPlan(InputLayout.SYNSET_TARS,
                        List.of(SourceUnit.ofSynset(synset, SourceUnit.Kind.TAR, root.toString(), 0, status.getLen())), List.of());
            }
            if (root.getName().endsWith(".tar")) {
                return outerTar(fs, status);
            }
            checkNotCompressed(root);
            throw new IOException("input " + input + " is a file but not a tar");
        }
        List<SourceUnit> tars = new ArrayList<>();
        List<SourceUnit> folders = new ArrayList<>();
        List<String> notTars = new ArrayList<>();
        List<String> notFolders = new ArrayList<>();
        List<FileStatus> otherTars = new ArrayList<>();
        List<Path> compressed = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (FolderEntries.Entry listed : FolderEntries.list(fs, root)) {
            FolderEntries.Entry child = FolderEntries.followed(fs, listed); // top-level links: the user's choice
            String name = child.name();
            boolean file = child.kind() == TarMember.Kind.REGULAR_FILE;
            if (file && synsetOfTar(name) != null) {
                tars.add(SourceUnit.ofSynset(synsetOfTar(name), SourceUnit.Kind.TAR, child.path().toString(), 0, child.length()));
            } else {
                notTars.add(described(child));
            }
            if (child.isDirectory() && SampleKeys.isSynsetId(name)) {
                folders.add(SourceUnit.ofSynset(name, SourceUnit.Kind.FOLDER, child.path().toString(), 0, 0));
            } else {
                notFolders.add(described(child));
            }
            if (file && synsetOfTar(name) == null && name.endsWith(".tar")) {
                otherTars.add(fs.getFileStatus(child.path()));
            } else if (file && isCompressedTar(name)) {
                compressed.add(child.path());
            } else if (child.kind() == TarMember.Kind.SYMLINK) {
                links.add(name);
            }
        }
        if (!tars.isEmpty() && !folders.isEmpty()) {
            throw new IOException("input " + input + " mixes per-synset tars and synset folders: point --input at one layout");
        }
        if (!tars.isEmpty()) {
            return new InputPlan(InputLayout.SYNSET_TARS, tars, notTars);
        }
        if (!folders.isEmpty()) {
            return new InputPlan(InputLayout.FOLDERS, folders, notFolders);
        }
        if (otherTars.size() == 1) {
            return outerTar(fs, otherTars.get(0));
        }
        if (otherTars.isEmpty() && compressed.size() == 1) {
            checkNotCompressed(compressed.get(0));
        }
        throw new IOException("no ImageNet input under " + input
                + ": expected nXXXXXXXX.tar files, nXXXXXXXX/ folders or one outer tar such as fall11_whole.tar"
                + (links.isEmpty() ? "" : "; a link whose target is missing: " + links.get(0)));
    }

    /**
     * A cheap fingerprint of the input for resume decisions: names, sizes and modification times of
     * the top-level entries (one listing, no reads of the data; a folder's time changes when files
     * are added to it).
     */
    public static String fingerprint(String input, Configuration conf) throws IOException {
        try {
            return Storage.listingFingerprint(new Path(input), conf, true);
        } catch (java.io.FileNotFoundException e) {
            throw missing(input);
        }
    }

    private static IOException missing(String input) {
        return new IOException("--input " + input + " does not exist");
    }

    /** The members of a large tar, from its headers alone (seeking over the data). */
    static List<TarMember> indexTar(FileSystem fs, FileStatus tar) throws IOException {
        try (HadoopSeekableChannel channel = new HadoopSeekableChannel(fs, tar)) {
            return OuterTarIndexer.index(channel, tar.getPath().toString());
        }
    }

    private static InputPlan outerTar(FileSystem fs, FileStatus outer) throws IOException {
        List<TarMember> members = indexTar(fs, outer);
        List<SourceUnit> units = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (TarMember m : members) {
            String synset = synsetOfTar(m.name());
            if (synset != null && m.isRegularFile()) {
                units.add(SourceUnit.ofSynset(synset, SourceUnit.Kind.TAR, outer.getPath().toString(), m.dataOffset(), m.size()));
            } else {
                ignored.add(described(m.name(), m.kind()));
            }
        }
        if (units.isEmpty()) {
            throw new IOException("outer tar " + outer.getPath() + " holds no nXXXXXXXX.tar member");
        }
        units.sort(Comparator.comparing(SourceUnit::name));
        return new InputPlan(InputLayout.FALL11_TAR, units, ignored);
    }

    private static String described(FolderEntries.Entry entry) {
        return described(entry.name(), entry.kind());
    }

    /** A left-out entry as the warning names it: a folder ends in '/', a link or other non-file says what it is. */
    private static String described(String name, TarMember.Kind kind) {
        return switch (kind) {
            case REGULAR_FILE -> name;
            case DIRECTORY -> name.endsWith("/") ? name : name + "/";
            default -> name + " (" + kind.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")";
        };
    }

    private static boolean isCompressedTar(String name) {
        return name.endsWith(".tar.gz") || name.endsWith(".tgz");
    }

    /**
     * winter21 is published as {@code winter21_whole.tar.gz}: a gzip stream has no byte ranges to hand
     * to tasks, so reading it would be one sequential pass over 1.2 TB on one core. Decompressing it
     * once is the same pass, done once, by a tool made for it.
     */
    private static void checkNotCompressed(Path file) throws IOException {
        if (isCompressedTar(file.getName())) {
            String tar = file.getName().replaceFirst("\\.(tar\\.gz|tgz)$", ".tar");
            throw new IOException("input " + file + " is a gzip-compressed tar, which cannot be cut into byte ranges for"
                    + " parallel tasks: decompress it once (gzip -dc " + file.getName() + " > " + tar + ", or pigz -dc)"
                    + " and give --input the .tar");
        }
    }

    /** The synset of a member or file named {@code n01440764.tar} (any leading folders ignored), else null. */
    static String synsetOfTar(String name) {
        String base = SampleKeys.baseName(name);
        if (!base.endsWith(".tar")) {
            return null;
        }
        String stem = base.substring(0, base.length() - 4);
        return SampleKeys.isSynsetId(stem) ? stem : null;
    }

}
