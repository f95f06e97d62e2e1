package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.ShardChecksums;
import org.imagenetwds.plan.ImageFolderLayout;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.GivenValidation;
import org.imagenetwds.spark.io.ParquetTables;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.verify.OutputChecks;
import org.imagenetwds.verify.ShardCheck;
import org.imagenetwds.verify.ShardVerifier;

import scala.Tuple2;

/**
 * {@code verify}: re-reads every shard on executors ({@link ShardVerifier}) and checks the whole
 * against {@code _info.json}, {@code classes.txt} and {@code _meta/} on the driver
 * ({@link OutputChecks}). The report lists every check; any problem makes the command exit non-zero.
 */
public final class VerifyStage {

    private VerifyStage() {
    }

    public static OutputChecks.Report run(SparkSession spark, PipelineOptions options, WorkPaths paths) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        DatasetInfo info = DatasetInfo.parse(Storage.read(paths.result("_info.json"), hadoop));
        List<String> classes = lines(paths.result("classes.txt"), hadoop);
        ClassView view = info.recipe().view();
        List<String> viewClasses = view == null ? List.of() : lines(paths.result(view.classesFile()), hadoop);
        BuildStats stats = BuildStats.parse(Storage.read(paths.meta(BuildStats.FILE), hadoop));
        OutputChecks checks = new OutputChecks(info);

        boolean folders = info.recipe().format() == OutputFormat.IMAGEFOLDER;
        List<OutputChecks.ShardFile> shards = folders ? imageFolderFiles(paths, info, hadoop) : checks.fileSet(tars(paths, hadoop));
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        ShardVerifier verifier = new ShardVerifier(classes, info.recipe().images(),
                view == null ? null : view.labelField(), viewClasses);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Progress.Counters progress = Progress.counters(spark);
        // a task per shard; an ImageFolder tree's files a few hundred per task
        int tasks = Math.max(1, folders ? Math.min(shards.size() / FILES_PER_TASK + 1, 10_000) : shards.size());
        JavaRDD<Tuple2<OutputChecks.ShardFile, ShardVerifier.Report>> reports = jsc.parallelize(shards, tasks)
                .map(t -> {
                    Path p = new Path(paths.output(), t.shard());
                    try (InputStream in = Storage.fs(p, conf.value().get()).open(p)) {
                        ShardVerifier.Report report = folders ? verifier.verifyFile(t.shard(), in.readAllBytes())
                                : verifier.verify(t.shard(), in, t.length());
                        progress.items().add(report.samples().size());
                        progress.bytesRead().add(t.length());
                        return new Tuple2<>(t, report);
                    }
                })
                .persist(StorageLevel.MEMORY_AND_DISK()); // read once; the key check walks the same reports
        try {
            boolean byView = view != null;
            List<ShardCheck> shardChecks = reports.map(t -> ShardCheck.of(t._1().split(), t._2(), byView)).collect();
            if (folders) {
                checks.imageFolder(shardChecks);
            } else {
                checks.shards(shardChecks);
                checksums(checks, paths, shardChecks, hadoop);
            }
            // keys are few bytes: a task per core on each side of the shuffle, not one per shard
            int cores = jsc.defaultParallelism();
            Map<String, Integer> repeated = new java.util.TreeMap<>();
            reports.coalesce(cores)
                    .flatMap(t -> t._2().samples().stream().map(ShardVerifier.SampleRecord::key).iterator())
                    .mapToPair(key -> new Tuple2<>(key, 1))
                    .reduceByKey(Integer::sum, cores)
                    .filter(t -> t._2() > 1)
                    .mapPartitions(t -> firstOf(t, OutputChecks.MAX_LISTED)) // one job over all partitions, unlike take()
                    .collect()
                    .forEach(t -> repeated.put(t._1(), t._2()));
            checks.uniqueKeys(repeated);
            boolean given = info.recipe().validation() instanceof ValidationSource.Ilsvrc2012Devkit;
            String givenSource = given ? qualified(options.valInput(), hadoop) : null;
            Map<String, Long> writeRejects = new HashMap<>();
            long[] givenRejects = {0};
            ParquetTables.forEachRow(paths.meta("rejected"), hadoop, row -> {
                if (row.getString("stage", 0).equals("write")) {
                    writeRejects.merge(row.getString("synset", 0), 1L, Long::sum);
                }
                if (given && row.getString("source", 0).startsWith(givenSource)) {
                    givenRejects[0]++;
                }
            });
            checks.validation(view != null ? viewClasses : classes, shardChecks, writeRejects,
                    given ? GivenValidation.labelByKey(GivenValidation.devkit(options.devkit(), hadoop)) : Map.of(),
                    givenRejects[0]);
        } finally {
            reports.unpersist(false);
        }
        checks.accounting(stats, ParquetTables.rowCount(paths.meta("manifest"), hadoop),
                ParquetTables.rowCount(paths.meta("rejected"), hadoop));
        OutputChecks.Report report = checks.report();
        Storage.writeAtomically(new Path(paths.work(), "verify-report.txt"),
                report.render().getBytes(StandardCharsets.UTF_8), hadoop);
        return report;
    }

    private static final int FILES_PER_TASK = 500;

    /** Shard bytes against {@code _meta/SHA256SUMS}; a build written before checksums were recorded has none to check. */
    private static void checksums(OutputChecks checks, WorkPaths paths, List<ShardCheck> shardChecks, Configuration hadoop)
            throws IOException {
        Path sums = paths.meta(ShardChecksums.FILE);
        if (!Storage.exists(sums, hadoop)) {
            System.out.println("verify: no _meta/" + ShardChecksums.FILE + " (a build of an earlier version): shard"
                    + " checksums not checked; running 'write' again with the build's options records them");
            return;
        }
        Map<String, String> committed;
        try {
            committed = ShardChecksums.parse(Storage.read(sums, hadoop));
        } catch (IllegalArgumentException e) {
            throw new IOException(sums + ": " + e.getMessage(), e);
        }
        checks.checksums(committed, shardChecks);
    }

    /** A class list: one WNID per line, label order. */
    private static List<String> lines(Path file, Configuration hadoop) throws IOException {
        return Arrays.asList(new String(Storage.read(file, hadoop), StandardCharsets.UTF_8).split("\n"));
    }

    /** The {@code .tar} files of the output with their lengths. */
    private static Map<String, Long> tars(WorkPaths paths, Configuration hadoop) throws IOException {
        Map<String, Long> present = new HashMap<>();
        for (FileStatus f : Storage.fs(paths.output(), hadoop).listStatus(paths.output())) {
            if (f.isFile() && f.getPath().getName().endsWith(".tar")) {
                present.put(f.getPath().getName(), f.getLen());
            }
        }
        return present;
    }

    /** Every file under an ImageFolder tree's split folders, by its path relative to the output. */
    private static List<OutputChecks.ShardFile> imageFolderFiles(WorkPaths paths, DatasetInfo info, Configuration hadoop)
            throws IOException {
        List<OutputChecks.ShardFile> files = new ArrayList<>();
        for (String split : info.recipe().shards().splits()) {
            String folder = ImageFolderLayout.folderOf(split);
            Storage.filesUnder(new Path(paths.output(), folder), hadoop)
                    .forEach((path, length) -> files.add(new OutputChecks.ShardFile(split, folder + "/" + path, length)));
        }
        return files;
    }

    /** The validation input as the inventory names its sources: fully qualified. */
    private static String qualified(String uri, Configuration hadoop) throws IOException {
        if (uri == null) {
            throw new org.imagenetwds.spark.PipelineFailure("verify of a build with a given validation set needs --val-input and --devkit");
        }
        Path p = new Path(uri);
        return Storage.fs(p, hadoop).makeQualified(p).toString();
    }

    private static <T> java.util.Iterator<T> firstOf(java.util.Iterator<T> items, int limit) {
        List<T> first = new ArrayList<>();
        while (items.hasNext() && first.size() < limit) {
            first.add(items.next());
        }
        return first.iterator();
    }
}
