package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.plan.ShardNames;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.ParquetTables;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.verify.ShardVerifier;

import scala.Tuple2;

/**
 * {@code verify}: re-reads the output on executors and checks it against {@code _info.json},
 * {@code classes.txt} and {@code _meta/} (see {@link ShardVerifier} for the per-shard checks). The
 * report lists every check; any problem makes the command exit non-zero.
 */
public final class VerifyStage {

    /** Checks that passed and problems found. */
    public record Report(List<String> passed, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String render() {
            StringBuilder b = new StringBuilder();
            passed.forEach(p -> b.append("OK    ").append(p).append('\n'));
            problems.forEach(p -> b.append("FAIL  ").append(p).append('\n'));
            b.append(ok() ? "verify: passed (" + passed.size() + " checks)\n"
                    : "verify: FAILED with " + problems.size() + " problem(s)\n");
            return b.toString();
        }
    }

    private record ShardTask(String split, String shard, long length) implements java.io.Serializable {
    }

    /** What the driver needs of one shard's report: its problems, its size and, for validation, its labels. */
    private record ShardCheck(String shard, int samples, List<String> problems, Map<Integer, Long> validationLabels)
            implements java.io.Serializable {

        static ShardCheck of(ShardTask task, ShardVerifier.Report report) {
            Map<Integer, Long> labels = new HashMap<>();
            if (task.split().equals(PipelineOptions.VALIDATION)) {
                report.samples().forEach(s -> labels.merge(s.label(), 1L, Long::sum));
            }
            return new ShardCheck(report.shard(), report.samples().size(), report.problems(), labels);
        }
    }

    private static final int MAX_LISTED = 50;

    private VerifyStage() {
    }

    public static Report run(SparkSession spark, PipelineOptions options) throws IOException {
        WorkPaths paths = WorkPaths.of(options);
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        List<String> passed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        DatasetInfo info = DatasetInfo.parse(Storage.read(paths.result("_info.json"), hadoop));
        List<String> classes = Arrays.asList(new String(Storage.read(paths.result("classes.txt"), hadoop),
                StandardCharsets.UTF_8).split("\n"));
        BuildStats stats = BuildStats.parse(Storage.read(paths.meta("stats.json"), hadoop));
        int valPerClass = ((Number) info.buildOptions().get("val_per_class")).intValue();

        List<ShardTask> tasks = checkFileSet(info, paths, hadoop, passed, problems);
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        ShardVerifier verifier = new ShardVerifier(classes, ((Number) info.buildOptions().get("min_edge")).intValue(),
                ((Number) info.buildOptions().get("max_short_edge")).intValue());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Progress.Counters progress = Progress.counters(spark);
        JavaRDD<Tuple2<ShardTask, ShardVerifier.Report>> reports = jsc.parallelize(tasks, Math.max(1, tasks.size()))
                .map(t -> {
                    Path p = new Path(paths.output(), t.shard());
                    try (InputStream in = Storage.fs(p, conf.value().get()).open(p)) {
                        ShardVerifier.Report report = verifier.verify(t.shard(), in, t.length());
                        progress.items().add(report.samples().size());
                        progress.bytesRead().add(t.length());
                        return new Tuple2<>(t, report);
                    }
                })
                .persist(StorageLevel.MEMORY_AND_DISK()); // read once; the key check walks the same reports
        try {
            List<ShardCheck> checks = reports.map(t -> ShardCheck.of(t._1(), t._2())).collect();
            listProblems(checks.stream().flatMap(c -> c.problems().stream()).toList(),
                    "every sample is grouped .cls/.jpg/.json, labels agree with classes.txt, "
                    + "every image decodes within the size rules", passed, problems);
            checkShardLengths(info, checks, passed, problems);
            // keys are few bytes: a task per core on each side of the shuffle, not one per shard
            int cores = jsc.defaultParallelism();
            List<Tuple2<String, Integer>> repeated = reports.coalesce(cores)
                    .flatMap(t -> t._2().samples().stream().map(ShardVerifier.SampleRecord::key).iterator())
                    .mapToPair(key -> new Tuple2<>(key, 1))
                    .reduceByKey(Integer::sum, cores)
                    .filter(t -> t._2() > 1)
                    .mapPartitions(t -> firstOf(t, MAX_LISTED)) // one job over all partitions, unlike take()
                    .collect();
            checkKeysAndHoldout(repeated, checks, classes, valPerClass, writeRejects(paths, hadoop), passed, problems);
        } finally {
            reports.unpersist(false);
        }
        checkAccounting(paths, hadoop, info, stats, passed, problems);
        Report report = new Report(passed, problems);
        Storage.writeAtomically(new Path(paths.work(), "verify-report.txt"),
                report.render().getBytes(StandardCharsets.UTF_8), hadoop);
        return report;
    }

    private static List<ShardTask> checkFileSet(DatasetInfo info, WorkPaths paths, Configuration hadoop,
                                                List<String> passed, List<String> problems) throws IOException {
        FileSystem fs = Storage.fs(paths.output(), hadoop);
        Map<String, Long> present = new HashMap<>();
        for (FileStatus f : fs.listStatus(paths.output())) {
            if (f.isFile() && f.getPath().getName().endsWith(".tar")) {
                present.put(f.getPath().getName(), f.getLen());
            }
        }
        List<ShardTask> tasks = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        List<String> found = new ArrayList<>();
        for (DatasetInfo.SplitInfo split : info.splits()) {
            for (int i = 0; i < split.filenames().size(); i++) {
                String name = split.filenames().get(i);
                expected.add(name);
                String canonical = ShardNames.of(info.name(), split.name(), i, split.filenames().size());
                if (!name.equals(canonical)) {
                    found.add("shard " + i + " of " + split.name() + " is named " + name + ", expected " + canonical);
                }
                if (!present.containsKey(name)) {
                    found.add("shard " + name + " listed in _info.json is missing");
                } else {
                    tasks.add(new ShardTask(split.name(), name, present.get(name)));
                }
            }
        }
        present.keySet().stream().filter(n -> !expected.contains(n)).sorted()
                .forEach(n -> found.add("tar " + n + " is in the output but not in _info.json"));
        listProblems(found, "shard files match _info.json (" + expected.size() + " shards, canonical names)",
                passed, problems);
        return tasks;
    }

    private static void checkShardLengths(DatasetInfo info, List<ShardCheck> checks, List<String> passed,
                                          List<String> problems) {
        Map<String, Integer> actual = new HashMap<>();
        checks.forEach(c -> actual.put(c.shard(), c.samples()));
        List<String> found = new ArrayList<>();
        for (DatasetInfo.SplitInfo split : info.splits()) {
            for (int i = 0; i < split.filenames().size(); i++) {
                Integer n = actual.get(split.filenames().get(i));
                if (n != null && n.longValue() != split.shardLengths().get(i)) {
                    found.add(split.filenames().get(i) + " holds " + n + " samples, _info.json says "
                            + split.shardLengths().get(i));
                }
            }
        }
        listProblems(found, "sample counts of every shard match _info.json", passed, problems);
    }

    /** Per synset, the samples the write stage had to reject (undecodable on the decode path). */
    private static Map<String, Long> writeRejects(WorkPaths paths, Configuration hadoop) throws IOException {
        Map<String, Long> bySynset = new HashMap<>();
        ParquetTables.forEachRow(paths.meta("rejected"), hadoop, row -> {
            if (row.getString("stage", 0).equals("write")) {
                bySynset.merge(row.getString("synset", 0), 1L, Long::sum);
            }
        });
        return bySynset;
    }

    /**
     * Exactly {@code valPerClass} validation samples per class; a class may be short by no more than
     * the samples of its synset that write rejected (an image that does not decode cannot be held out).
     */
    private static void checkKeysAndHoldout(List<Tuple2<String, Integer>> repeated, List<ShardCheck> checks,
                                            List<String> classes, int valPerClass, Map<String, Long> writeRejects,
                                            List<String> passed, List<String> problems) {
        List<String> duplicates = new ArrayList<>();
        for (Tuple2<String, Integer> t : repeated) {
            duplicates.add("key " + t._1() + " appears " + t._2() + " times across the splits");
        }
        listProblems(duplicates, "no sample key appears twice (none in both splits)", passed, problems);
        Map<Integer, Long> perClass = new HashMap<>();
        checks.forEach(c -> c.validationLabels().forEach((label, n) -> perClass.merge(label, n, Long::sum)));
        List<String> wrong = new ArrayList<>();
        long missing = 0;
        for (int label = 0; label < classes.size(); label++) {
            long n = perClass.getOrDefault(label, 0L);
            long excused = writeRejects.getOrDefault(classes.get(label), 0L);
            if (n > valPerClass || n + excused < valPerClass) {
                wrong.add("class " + label + " has " + n + " validation samples, expected " + valPerClass);
            }
            missing += valPerClass - n;
        }
        listProblems(wrong, "exactly " + valPerClass + " validation samples for each of " + classes.size() + " classes"
                + (missing > 0 ? " (" + missing + " short by images rejected at write, see _meta/rejected)" : ""),
                passed, problems);
    }

    private static void checkAccounting(WorkPaths paths, Configuration hadoop, DatasetInfo info, BuildStats stats,
                                        List<String> passed, List<String> problems) throws IOException {
        List<String> found = new ArrayList<>();
        if (!stats.identityHolds()) {
            found.add("stats.json: input_members " + stats.inputMembers() + " != written " + stats.written()
                    + " + rejected " + stats.rejected() + " + unselected " + stats.unselected());
        }
        for (DatasetInfo.SplitInfo split : info.splits()) {
            long written = stats.writtenBySplit().getOrDefault(split.name(), -1L);
            if (written != split.numSamples()) {
                found.add("stats.json says " + written + " " + split.name() + " samples, _info.json " + split.numSamples());
            }
        }
        long manifest = ParquetTables.rowCount(paths.meta("manifest"), hadoop);
        if (manifest != stats.written()) {
            found.add("_meta/manifest has " + manifest + " rows for " + stats.written() + " written samples");
        }
        long rejected = ParquetTables.rowCount(paths.meta("rejected"), hadoop);
        if (rejected != stats.rejected()) {
            found.add("_meta/rejected has " + rejected + " rows, stats.json counts " + stats.rejected());
        }
        listProblems(found, "input_members " + stats.inputMembers() + " = written " + stats.written() + " + rejected "
                + stats.rejected() + " + unselected " + stats.unselected() + ", and manifest/rejected tables agree",
                passed, problems);
    }

    private static <T> java.util.Iterator<T> firstOf(java.util.Iterator<T> items, int limit) {
        List<T> first = new ArrayList<>();
        while (items.hasNext() && first.size() < limit) {
            first.add(items.next());
        }
        return first.iterator();
    }

    private static void listProblems(List<String> found, String check, List<String> passed, List<String> problems) {
        if (found.isEmpty()) {
            passed.add(check);
            return;
        }
        found.stream().limit(MAX_LISTED).forEach(problems::add);
        if (found.size() > MAX_LISTED) {
            problems.add("... and " + (found.size() - MAX_LISTED) + " more like these");
        }
    }
}
