package org.imagenetwds.spark.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.inventory.MemberInspector;
import org.imagenetwds.inventory.TarInventoryScanner;
import org.imagenetwds.recipe.OutputFormat;
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
        try {
            return read(unit, conf, rules, format);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            throw message.contains(unit.source()) ? e : new IOException("cannot read " + unit.source() + ": " + message, e);
        }
    }

    private static List<InventoryEntry> read(SourceUnit unit, Configuration conf, ImageRules rules, OutputFormat format)
            throws IOException {
        Path path = new Path(unit.source());
        FileSystem fs = Storage.fs(path, conf);
        if (unit.kind() == SourceUnit.Kind.TAR) {
            try (FSDataInputStream in = ReadPolicy.SEQUENTIAL.open(fs, path)) {
                in.seek(unit.offset());
                return TarInventoryScanner.scan(new BufferedInputStream(in, STREAM_BUFFER), unit.naming(),
                        unit.source(), unit.offset(), unit.length(), rules, format);
            }
        }
        List<FileStatus> files = new ArrayList<>();
        if (unit.kind() == SourceUnit.Kind.FOLDER) {
            files.addAll(Arrays.asList(fs.listStatus(path)));
        } else {
            for (String file : unit.files()) {
                files.add(fs.getFileStatus(new Path(path, file)));
            }
        }
        files.sort(Comparator.comparing(f -> f.getPath().getName()));
        List<InventoryEntry> rows = new ArrayList<>();
        try (MemberInspector inspector = new MemberInspector(unit.naming(), rules, format)) {
            for (FileStatus f : files) {
                TarMember.Kind kind = f.isFile() ? TarMember.Kind.REGULAR_FILE
                        : f.isDirectory() ? TarMember.Kind.DIRECTORY : TarMember.Kind.SYMLINK;
                TarMember member = new TarMember(f.getPath().getName(), kind, 0, f.getLen());
                String source = f.getPath().toString();
                if (kind != TarMember.Kind.REGULAR_FILE) {
                    rows.add(inspector.inspect(member, source, InputStream.nullInputStream()));
                    continue;
                }
                try (FSDataInputStream in = fs.open(f.getPath())) {
                    rows.add(inspector.inspect(member, source, in));
                }
            }
        }
        return rows;
    }
}
