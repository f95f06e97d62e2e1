package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;

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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.plan.ShardNames;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkPaths;
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
        JavaRDD<Tuple2<ShardTask, ShardVerifier.Report>> reports = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(tasks, Math.max(1, tasks.size()))
                .map(t -> {
                    Path p = new Path(paths.output(), t.shard());
                    try (InputStream in = Storage.fs(p, conf.value().get()).open(p)) {
                        return new Tuple2<>(t, verifier.verify(t.shard(), in, t.length()));
                    }
                })
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            List<String> shardProblems = reports.flatMap(t -> t._2().problems().iterator()).collect();
            listProblems(shardProblems, "every sample is grouped .cls/.jpg/.json, labels agree with classes.txt, "
                    + "every image decodes within the size rules", passed, problems);
            Map<String, Integer> actual = new HashMap<>();
            reports.map(t -> new Tuple2<>(t._2().shard(), t._2().samples().size())).collect()
                    .forEach(t -> actual.put(t._1(), t._2()));
            checkShardLengths(info, actual, passed, problems);
            Dataset<Row> samples = spark.createDataFrame(reports.flatMap(t -> t._2().samples().stream()
                    .map(s -> RowFactory.create(t._1().split(), s.key(), s.label())).iterator()),
                    DataTypes.createStructType(List.of(
                            DataTypes.createStructField("split", DataTypes.StringType, false),
                            DataTypes.createStructField("key", DataTypes.StringType, false),
                            DataTypes.createStructField("label", DataTypes.IntegerType, false))));
            checkKeysAndHoldout(samples, classes, valPerClass, writeRejects(spark, paths), passed, problems);
        } finally {
            reports.unpersist(false);
        }
        checkAccounting(spark, paths, info, stats, passed, problems);
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

    private static void checkShardLengths(DatasetInfo info, Map<String, Integer> actual, List<String> passed,
                                          List<String> problems) {
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
    private static Map<String, Long> writeRejects(SparkSession spark, WorkPaths paths) {
        Map<String, Long> bySynset = new HashMap<>();
        for (Row r : spark.read().parquet(paths.meta("rejected").toString()).filter(col("stage").equalTo("write"))
                .groupBy("synset").count().collectAsList()) {
            bySynset.put(r.getString(0), r.getLong(1));
        }
        return bySynset;
    }

    /**
     * Exactly {@code valPerClass} validation samples per class; a class may be short by no more than
     * the samples of its synset that write rejected (an image that does not decode cannot be held out).
     */
    private static void checkKeysAndHoldout(Dataset<Row> samples, List<String> classes, int valPerClass,
                                            Map<String, Long> writeRejects, List<String> passed,
                                            List<String> problems) {
        List<String> duplicates = new ArrayList<>();
        for (Row r : samples.groupBy("key").count().filter(col("count").gt(1)).limit(MAX_LISTED).collectAsList()) {
            duplicates.add("key " + r.getString(0) + " appears " + r.getLong(1) + " times across the splits");
        }
        listProblems(duplicates, "no sample key appears twice (none in both splits)", passed, problems);
        Map<Integer, Long> perClass = new HashMap<>();
        for (Row r : samples.filter(col("split").equalTo(PipelineOptions.VALIDATION)).groupBy("label").count()
                .collectAsList()) {
            perClass.put(r.getInt(0), r.getLong(1));
        }
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

    private static void checkAccounting(SparkSession spark, WorkPaths paths, DatasetInfo info, BuildStats stats,
                                        List<String> passed, List<String> problems) {
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
        long manifest = spark.read().parquet(paths.meta("manifest").toString()).count();
        if (manifest != stats.written()) {
            found.add("_meta/manifest has " + manifest + " rows for " + stats.written() + " written samples");
        }
        long rejected = spark.read().parquet(paths.meta("rejected").toString()).count();
        if (rejected != stats.rejected()) {
            found.add("_meta/rejected has " + rejected + " rows, stats.json counts " + stats.rejected());
        }
        listProblems(found, "input_members " + stats.inputMembers() + " = written " + stats.written() + " + rejected "
                + stats.rejected() + " + unselected " + stats.unselected() + ", and manifest/rejected tables agree",
                passed, problems);
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
