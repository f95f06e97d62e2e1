package org.imagenetwds.staging;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.write.ByteRangeReader;

/**
 * Which byte ranges of the input {@code count} copied to objects of their own under {@code --work},
 * and where each read of {@code write} is then made. Only a source that holds several ranges (the
 * synset tars of one outer tar, the runs of one validation tar) is staged: a per-synset object is
 * already its own key. Staged copies are named
 * {@code <work>/staged/<source's name without .tar>-<8 hex digits of its URI's SHA-256>/<range name>-<offset>.tar},
 * e.g. {@code _work/staged/fall11_whole-3f2a9c1e/n01440764-512.tar}: one folder per source, one
 * object per range, readable in a listing and unique however many sources share a file name.
 */
public final class StagedInputs implements Serializable {

    /** The folder under {@code --work} that holds the staged copies. */
    public static final String FOLDER = "staged";

    /** A byte range of a source as {@code count} reads it, named after what it holds (its synset). */
    public record Range(String name, String source, long offset, long length) {
    }

    /** No range staged. */
    public static final StagedInputs NONE = new StagedInputs(List.of());

    private final List<StagedRange> ranges;
    private final Map<String, TreeMap<Long, StagedRange>> bySource = new HashMap<>();

    public StagedInputs(List<StagedRange> ranges) {
        this.ranges = List.copyOf(ranges);
        for (StagedRange r : this.ranges) {
            if (bySource.computeIfAbsent(r.source(), s -> new TreeMap<>()).put(r.offset(), r) != null) {
                throw new IllegalArgumentException("two staged ranges of " + r.source() + " at " + r.offset());
            }
        }
    }

    /** The ranges of every source that holds more than one, each with its copy under {@code stagedFolder}. */
    public static StagedInputs plan(List<Range> ranges, String stagedFolder) {
        Map<String, Integer> perSource = new HashMap<>();
        ranges.forEach(r -> perSource.merge(r.source(), 1, Integer::sum));
        List<StagedRange> staged = new ArrayList<>();
        for (Range r : ranges) {
            if (perSource.get(r.source()) > 1) {
                staged.add(new StagedRange(r.source(), r.offset(), r.length(), stagedFolder + "/" + folderOf(r.source())
                        + "/" + safe(r.name()) + "-" + r.offset() + ".tar"));
            }
        }
        return new StagedInputs(staged);
    }

    /** The folder of one source's copies: its file name without {@code .tar}, and a hash of its whole URI. */
    static String folderOf(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1);
        String stem = name.endsWith(".tar") ? name.substring(0, name.length() - 4) : name;
        String hash = Sha256.of(source.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
        return safe(stem) + "-" + hash;
    }

    /** A name as one path segment of any store: characters other than letters, digits, '.', '_' and '-' become '_'. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    public List<StagedRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The staged range of {@code source} at {@code offset}, or null when {@code source} is not staged. */
    public StagedRange stagedRangeOf(String source, long offset, long length) {
        TreeMap<Long, StagedRange> staged = bySource.get(source);
        if (staged == null) {
            return null;
        }
        Map.Entry<Long, StagedRange> floor = staged.floorEntry(offset);
        if (floor == null || offset + length > floor.getValue().end()) {
            throw new IllegalStateException(length + " bytes at " + offset + " of " + source
                    + " lie in no range count staged: the work folder's staged inputs do not match its inventory");
        }
        return floor.getValue();
    }

    /**
     * The staged ranges whose copy is missing from {@code copies} (each copy's URI and size) or is not
     * exactly its range's length: a work folder whose copies were removed or replaced after
     * {@code count}. A copy is only ever created whole, so a listing is proof enough.
     */
    public List<StagedRange> unmatched(Map<String, Long> copies) {
        return ranges.stream().filter(r -> !Long.valueOf(r.length()).equals(copies.get(r.staged()))).toList();
    }

    /** {@code input}, except that a read of a staged range is made from its copy. */
    public ByteRangeReader reading(ByteRangeReader input) {
        return new StagedReader(input);
    }

    /** Reads a staged range's bytes from its copy; closes the reader it wraps. */
    private final class StagedReader implements ByteRangeReader, AutoCloseable {
        private final ByteRangeReader input;

        StagedReader(ByteRangeReader input) {
            this.input = input;
        }

        @Override
        public byte[] read(String source, long offset, long length) throws IOException {
            StagedRange r = stagedRangeOf(source, offset, length);
            return r == null ? input.read(source, offset, length) : input.read(r.staged(), offset - r.offset(), length);
        }

        @Override
        public void close() throws Exception {
            if (input instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
