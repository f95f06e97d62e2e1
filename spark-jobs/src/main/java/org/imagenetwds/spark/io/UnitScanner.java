package org.imagenetwds.spark.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.inventory.MemberInspector;
import org.imagenetwds.inventory.TarInventoryScanner;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.staging.CopyingInputStream;
import org.imagenetwds.staging.StagedRange;
import org.imagenetwds.tar.TarMember;

/** Executor side of {@code count}: inventories one {@link SourceUnit} from storage. */
public final class UnitScanner {

    /**
     * A tar is read front to back: large buffered reads instead of Hadoop's 4 KB default
     * ({@code io.file.buffer.size}) cut the system calls per image from ~30 to one or none.
     */
    private static final int STREAM_BUFFER = 1 << 20;

    private UnitScanner() {
    }

    /** @throws IOException naming the unit's source (HDFS's errors name the NameNode or DataNode, not the file) */
    public static List<InventoryEntry> scan(SourceUnit unit, Configuration conf, ImageRules rules, OutputFormat format)
            throws IOException {
        return scan(unit, null, conf, rules, format);
    }

    /**
     * As {@link #scan(SourceUnit, Configuration, ImageRules, OutputFormat)}, copying the unit's bytes to
     * {@code copy}'s object while they are read (one read of the range for both). The copy appears
     * whole or not at all ({@link Storage#writeAtomically(Path, Configuration, Storage.ContentWriter)}):
     * a task that fails or is killed half-way leaves no partial copy at its name.
     *
     * @param copy where the unit's range is staged, or null
     */
    public static List<InventoryEntry> scan(SourceUnit unit, StagedRange copy, Configuration conf, ImageRules rules,
                                            OutputFormat format) throws IOException {
        try {
            if (copy != null) {
                return Storage.writeAtomically(new Path(copy.staged()), conf, out -> read(unit, out, conf, rules, format));
            }
            return read(unit, null, conf, rules, format);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw message.contains(unit.source()) ? e : new IOException("cannot read " + unit.source() + ": " + message, e);
        }
    }

    /** @param copy where the unit's bytes are copied to as they are read (a tar unit's), or null */
    private static List<InventoryEntry> read(SourceUnit unit, OutputStream copy, Configuration conf, ImageRules rules,
                                             OutputFormat format) throws IOException {
        Path path = new Path(unit.source());
        FileSystem fs = Storage.fs(path, conf);
        if (unit.kind() == SourceUnit.Kind.TAR) {
            // the unit's end is known: no HEAD on S3A, and the GET asks for the unit's bytes alone
            try (FSDataInputStream in = ReadPolicy.SEQUENTIAL.open(fs, path, unit.offset() + unit.length())) {
                in.seek(unit.offset());
                InputStream buffered = new BufferedInputStream(in, STREAM_BUFFER);
                if (copy == null) {
                    return TarInventoryScanner.scan(buffered, unit.naming(), unit.source(), unit.offset(), unit.length(),
                            rules, format);
                }
                CopyingInputStream copied = new CopyingInputStream(buffered, unit.length(), copy,
                        unit.name() + " at " + unit.offset() + " of " + unit.source());
                List<InventoryEntry> rows = TarInventoryScanner.scan(copied, unit.naming(), unit.source(), unit.offset(),
                        unit.length(), rules, format);
                copied.finish();
                return rows;
            }
        }
        if (copy != null) {
            throw new IllegalArgumentException("only a tar's byte range is staged, not " + unit.source());
        }
        List<Member> members = new ArrayList<>();
        if (unit.kind() == SourceUnit.Kind.FOLDER) {
            walk(fs, path, "", members);
        } else {
            for (String file : unit.files()) {
                members.add(new Member(file, FolderEntries.of(fs, new Path(path, file))));
            }
            members.sort(Comparator.comparing(Member::name));
        }
        List<InventoryEntry> rows = new ArrayList<>();
        try (MemberInspector inspector = new MemberInspector(unit.naming(), rules, format)) {
            for (Member m : members) {
                TarMember member = new TarMember(m.name(), m.entry().kind(), 0, m.entry().length());
                String source = m.entry().path().toString();
                if (!member.isRegularFile()) { // a link is reported, not followed: its target is never opened
                    rows.add(inspector.inspect(member, source, InputStream.nullInputStream()));
                    continue;
                }
                try (FSDataInputStream in = ReadPolicy.SEQUENTIAL.open(fs, m.entry().path(), m.entry().length())) {
                    rows.add(inspector.inspect(member, source, in));
                }
            }
        }
        return rows;
    }

    /** A folder entry and its member name: its path below the unit's folder, as a tar of that folder names it. */
    private record Member(String name, FolderEntries.Entry entry) {
    }

    /**
     * The entries under {@code dir} in the order {@code tar --sort=name} archives them: each folder's
     * entries by name, a subfolder as its {@code name/} entry followed by what it holds. A folder of a
     * synset thus gives the members, keys and outcomes that the tar of it gives (a subfolder's images
     * are members like {@code somedir/n01440764_1.JPEG} there); a link to a folder is one entry, not
     * descended into.
     */
    private static void walk(FileSystem fs, Path dir, String prefix, List<Member> out) throws IOException {
        for (FolderEntries.Entry e : FolderEntries.list(fs, dir)) {
            String name = prefix + e.name() + (e.isDirectory() ? "/" : "");
            out.add(new Member(name, e));
            if (e.isDirectory()) {
                walk(fs, e.path(), name, out);
            }
        }
    }
}
