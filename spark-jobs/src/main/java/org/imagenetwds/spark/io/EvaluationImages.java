package org.imagenetwds.spark.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.duplicates.EvaluationIndex;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.inventory.MemberNaming;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.tar.TarMember;

/**
 * The evaluation sets of {@code --decontaminate}, read as {@code count} reads its input ({@link UnitScanner}:
 * the same tar and folder readers, any Hadoop file system) and fingerprinted in parallel, runs of
 * {@value SourceUnit#IMAGES_PER_RUN} images to a task; the fingerprints (~100 B an image) are collected into an
 * {@link EvaluationIndex} on the driver. A set is a tar (its members at any depth) or a folder (its files at
 * any depth: ImageNet-V2's {@code class/xxx.jpeg}); each image is named by its path in the set.
 */
public final class EvaluationImages {

    /** Every image of any size is fingerprinted as it is: nothing is resized, nothing rejected for its size. */
    private static final ImageRules RULES = new ImageRules(1, 0, ImageRules.DEFAULT_JPEG_QUALITY, ImageRules.DEFAULT_MAX_PIXELS);

    /** The index of every decodable image of the sets, and how many each set held. */
    public record Read(EvaluationIndex index, Map<String, Long> imagesBySet) {
    }

    private EvaluationImages() {
    }

    /**
     * Checks each set before any work: it exists, and is a folder or a {@code .tar} (a compressed tar has no
     * byte ranges to read in parallel). One line naming the set otherwise.
     */
    public static void check(List<EvaluationSet> sets, Configuration conf) throws IOException {
        for (EvaluationSet set : sets) {
            status(set, conf);
        }
    }

    /**
     * What decontamination's result depends on: the set's name and, for a tar, its size and time; for a
     * folder, every file under it (any depth) with its size — a folder's own listing would miss an image
     * changed inside ImageNet-V2's class folders, and S3 gives folders no time.
     */
    public static String fingerprint(EvaluationSet set, Configuration conf) throws IOException {
        FileStatus status = status(set, conf);
        if (!status.isDirectory()) {
            return set.name() + ":" + Storage.listingFingerprint(status.getPath(), conf, false);
        }
        MessageDigest sha = Sha256.newDigest();
        filesOf(status, conf).forEach((file, length) -> sha.update((file + "\t" + length + "\n").getBytes(StandardCharsets.UTF_8)));
        return set.name() + ":" + Sha256.hex(sha.digest());
    }

    public static Read read(JavaSparkContext jsc, List<EvaluationSet> sets, Configuration conf) throws IOException {
        List<Unit> units = new ArrayList<>();
        for (EvaluationSet set : sets) {
            units.addAll(units(set, conf));
        }
        Broadcast<SerializableHadoopConf> hadoop = jsc.broadcast(new SerializableHadoopConf(conf));
        List<EvaluationIndex.EvaluationImage> images = units.isEmpty() ? List.of()
                : jsc.parallelize(units, units.size()).flatMap(u -> fingerprints(u, hadoop.value().get()).iterator()).collect();
        Map<String, Long> bySet = new LinkedHashMap<>();
        sets.forEach(s -> bySet.put(s.name(), 0L));
        images.forEach(i -> bySet.merge(i.set(), 1L, Long::sum));
        for (EvaluationSet set : sets) {
            if (bySet.get(set.name()) == 0) {
                throw new PipelineFailure(EvaluationSet.OPTION + " " + set.uri() + " holds no image this tool can decode:"
                        + " give the tar or folder of the evaluation set's images");
            }
        }
        return new Read(new EvaluationIndex(images), bySet);
    }

    /** One task's images: a run of a set's tar (a byte range) or of its folder's files. */
    private record Unit(String set, SourceUnit source) implements java.io.Serializable {
    }

    private static List<EvaluationIndex.EvaluationImage> fingerprints(Unit unit, Configuration conf) {
        try {
            List<EvaluationIndex.EvaluationImage> images = new ArrayList<>();
            for (InventoryEntry e : UnitScanner.scan(unit.source(), conf, RULES, OutputFormat.WEBDATASET)) {
                if (e.usable() && e.fingerprint() != null) { // anything else is not an image to compare with
                    images.add(new EvaluationIndex.EvaluationImage(unit.set(), e.key(), e.fingerprint()));
                }
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // fails the task, which Spark retries
        }
    }

    private static List<Unit> units(EvaluationSet set, Configuration conf) throws IOException {
        FileStatus status = status(set, conf);
        FileSystem fs = Storage.fs(status.getPath(), conf);
        MemberNaming naming = new MemberNaming.ByPath(set.name());
        String source = status.getPath().toString();
        List<Unit> units = new ArrayList<>();
        if (status.isDirectory()) {
            List<String> files = new ArrayList<>(filesOf(status, conf).keySet());
            for (int from = 0; from < files.size(); from += SourceUnit.IMAGES_PER_RUN) {
                List<String> run = files.subList(from, Math.min(files.size(), from + SourceUnit.IMAGES_PER_RUN));
                units.add(new Unit(set.name(), new SourceUnit(run.get(0), SourceUnit.Kind.FILES, source, 0, 0, naming, null, run)));
            }
            return units;
        }
        List<TarMember> members;
        try {
            members = InputLocator.indexTar(fs, status);
        } catch (IOException e) {
            throw new PipelineFailure(EvaluationSet.OPTION + " " + set.uri() + " is not a readable tar: " + e.getMessage());
        }
        long start = 0;
        for (int from = 0; from < members.size(); from += SourceUnit.IMAGES_PER_RUN) {
            TarMember last = members.get(Math.min(members.size(), from + SourceUnit.IMAGES_PER_RUN) - 1);
            long end = last.end();
            units.add(new Unit(set.name(), new SourceUnit(members.get(from).name(), SourceUnit.Kind.TAR, source, start,
                    end - start, naming, null, List.of())));
            start = end;
        }
        return units;
    }

    /** The regular files of a folder set, at any depth, by path relative to it in name order, with their sizes. */
    private static Map<String, Long> filesOf(FileStatus folder, Configuration conf) throws IOException {
        Map<String, Long> files = new LinkedHashMap<>();
        listFiles(Storage.fs(folder.getPath(), conf), folder.getPath(), "", files);
        return files;
    }

    /** Links are not followed. */
    private static void listFiles(FileSystem fs, Path dir, String prefix, Map<String, Long> out) throws IOException {
        for (FolderEntries.Entry e : FolderEntries.list(fs, dir)) {
            if (e.isDirectory()) {
                listFiles(fs, e.path(), prefix + e.name() + "/", out);
            } else if (e.kind() == TarMember.Kind.REGULAR_FILE) {
                out.put(prefix + e.name(), e.length());
            }
        }
    }

    private static FileStatus status(EvaluationSet set, Configuration conf) throws IOException {
        Path path = new Path(set.uri());
        FileSystem fs = Storage.fs(path, conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(path);
        } catch (FileNotFoundException e) {
            throw new PipelineFailure(EvaluationSet.OPTION + " " + set.uri()
                    + " does not exist: check the path and its scheme (s3a://, hdfs://)");
        }
        if (status.isFile() && !status.getPath().getName().endsWith(".tar")) {
            throw new PipelineFailure(EvaluationSet.OPTION + " " + set.uri() + " is a file but not a .tar: give a tar (decompress a "
                    + ".tar.gz once) or a folder of images");
        }
        return status;
    }
}
