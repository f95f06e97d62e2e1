package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.ShortEdgeHistogram;
import org.imagenetwds.dataset.card.CardFacts;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.plan.ShardNames;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.io.RangeReader;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.write.PlannedSample;
import org.imagenetwds.write.ShardBuilder;
import org.imagenetwds.write.ShardResult;

import scala.Tuple2;

/**
 * {@code write}: one task per shard reads its samples' bytes by (source, offset, length), applies
 * the image rules and commits the tar; then the driver writes {@code _info.json}, {@code classes.txt},
 * the dataset card and {@code _meta/} from the small per-shard records. Image bytes never reach the
 * driver.
 */
public final class WriteStage {

    /**
     * One shard as the driver sees it after the write: its sample count and the few samples it had to
     * reject (bounded by {@code --max-reject-fraction}), so no commit record is read twice.
     */
    /** What a write task reports: its shard's counts, bytes, rejects and the shorter edges it wrote. */
    record ShardSummary(String split, String shard, long written, long bytes, List<InventoryEntry> rejected,
                        ShortEdgeHistogram shortEdges) implements java.io.Serializable {
    }

    /**
     * Sample reads each write task keeps in flight ({@code --conf spark.hadoop.imagenetwds.read.parallelism=N}):
     * each is a positional read, a ranged GET on S3, so on object stores more hide more latency.
     */
    public static final String READ_PARALLELISM = "imagenetwds.read.parallelism";
    static final int DEFAULT_READ_PARALLELISM = 8;

    private WriteStage() {
    }

    public static BuildStats run(SparkSession spark, PipelineOptions options, String fingerprint) throws IOException {
        WorkPaths paths = WorkPaths.of(options);
        var hadoop = spark.sparkContext().hadoopConfiguration();
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        Selection selection = SelectStage.read(spark, options);
        int total = options.trainShards() + options.valShards();
        ImageRules rules = options.imageRules();
        int readParallelism = hadoop.getInt(READ_PARALLELISM, DEFAULT_READ_PARALLELISM);
        Progress.Counters progress = Progress.counters(spark);
        List<ShardSummary> summaries = spark.read().schema(Schemas.PLAN).parquet(paths.plan().toString())
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.<Integer>getAs("global_shard"), r))
                .partitionBy(new KeyPartitioner<Integer>(total, shard -> shard)) // global shard i → partition i
                .mapPartitionsWithIndex((index, rows) -> {
                    List<PlannedSample> samples = new ArrayList<>();
                    rows.forEachRemaining(t -> samples.add(Schemas.plannedSample(t._2())));
                    samples.sort(Comparator.comparingInt(PlannedSample::position));
                    String split = index < options.trainShards() ? PipelineOptions.TRAIN : PipelineOptions.VALIDATION;
                    int shard = index < options.trainShards() ? index : index - options.trainShards();
                    String name = ShardNames.of(options.name(), split, shard, options.shards(split));
                    ShardResult result;
                    try (ShardBuilder builder = new ShardBuilder(rules,
                            readers -> new RangeReader(conf.value().get(), readers), readParallelism,
                            org.imagenetwds.image.ImageTransformer.DEFAULT_TIME_LIMIT)) {
                        result = new ShardCommitter(paths, conf.value().get(), fingerprint)
                                .commit(split, name, samples, builder);
                    }
                    progress.items().add(result.written().size());
                    progress.rejected().add(result.rejected().size());
                    progress.bytesRead().add(samples.stream().mapToLong(PlannedSample::length).sum());
                    progress.bytesWritten().add(result.bytes());
                    ShortEdgeHistogram shortEdges = new ShortEdgeHistogram();
                    result.written().forEach(m -> shortEdges.add(Math.min(m.width(), m.height())));
                    return List.of(new ShardSummary(split, name, result.written().size(), result.bytes(),
                            result.rejected(), shortEdges)).iterator();
                }, true)
                .collect();
        Storage.fs(paths.shardTemp(), hadoop).delete(paths.shardTemp(), true);
        List<CountStage.SynsetCount> counts = CountStage.counts(spark, options);
        writeTables(spark, options, selection, counts, summaries, conf);
        BuildStats stats = stats(spark, options, selection, counts, summaries);
        DatasetInfo info = info(options, selection, summaries);
        CardFacts facts = cardFacts(spark, options, selection, counts, summaries);
        MetaFiles.writeResults(paths, info, stats, selection, facts, hadoop);
        System.out.println("write: " + stats.written() + " samples in " + total + " shards, " + stats.rejected()
                + " rejected, " + stats.unselected() + " unselected, of " + stats.inputMembers() + " input members");
        return stats;
    }

    private static void writeTables(SparkSession spark, PipelineOptions options, Selection selection,
                                    List<CountStage.SynsetCount> synsetCounts, List<ShardSummary> summaries,
                                    Broadcast<SerializableHadoopConf> conf) {
        WorkPaths paths = WorkPaths.of(options);
        List<String> shards = summaries.stream().map(ShardSummary::shard).toList();
        JavaRDD<String> shardRdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(shards, Math.max(1, Math.min(shards.size(), spark.sparkContext().defaultParallelism())));
        JavaRDD<Row> manifest = shardRdd.flatMap(shard -> ShardCommitter.read(paths, conf.value().get(), shard)
                .written().stream().map(Schemas::manifestRow).iterator());
        spark.createDataFrame(manifest, Schemas.MANIFEST).write().mode(SaveMode.Overwrite)
                .parquet(paths.meta("manifest").toString());
        List<Row> writeRejects = summaries.stream().flatMap(s -> s.rejected().stream())
                .map(e -> Schemas.rejectedRow(e, "write")).toList();
        Dataset<Row> countRejects = CountStage.inventory(spark, options).filter(col("reason").isNotNull())
                .select(col("synset"), col("source"), col("member"), col("offset"), col("length"), col("reason"),
                        col("detail"), lit("count").as("stage"));
        countRejects.unionByName(spark.createDataFrame(writeRejects, Schemas.REJECTED))
                .write().mode(SaveMode.Overwrite).parquet(paths.meta("rejected").toString());
        List<Row> counts = new ArrayList<>();
        for (CountStage.SynsetCount c : synsetCounts) {
            counts.add(RowFactory.create(c.synset(), c.members(), c.usable(),
                    selection.contains(c.synset()) ? selection.labelOf(c.synset()) : null));
        }
        spark.createDataFrame(counts, DataTypes.createStructType(List.of(
                        DataTypes.createStructField("synset", DataTypes.StringType, false),
                        DataTypes.createStructField("members", DataTypes.LongType, false),
                        DataTypes.createStructField("usable", DataTypes.LongType, false),
                        DataTypes.createStructField("label", DataTypes.IntegerType, true))))
                .coalesce(1).write().mode(SaveMode.Overwrite).parquet(paths.meta("counts").toString());
    }

    private static BuildStats stats(SparkSession spark, PipelineOptions options, Selection selection,
                                    List<CountStage.SynsetCount> counts, List<ShardSummary> summaries) {
        long members = 0;
        long unselected = 0;
        for (CountStage.SynsetCount c : counts) {
            members += c.members();
            if (!selection.contains(c.synset())) {
                unselected += c.usable();
            }
        }
        Map<String, Long> rejected = new TreeMap<>();
        for (Row r : CountStage.inventory(spark, options).filter(col("reason").isNotNull()).groupBy("reason").count()
                .collectAsList()) {
            rejected.put(r.getString(0), r.getLong(1));
        }
        Map<String, Long> written = new LinkedHashMap<>();
        written.put(PipelineOptions.TRAIN, 0L);
        written.put(PipelineOptions.VALIDATION, 0L);
        for (ShardSummary s : summaries) {
            written.merge(s.split(), s.written(), Long::sum);
            s.rejected().forEach(e -> rejected.merge(e.reason(), 1L, Long::sum));
        }
        return new BuildStats(members, written, rejected, unselected, selection.synsets().size(),
                selection.cutoffCount(), selection.tieSplit());
    }

    /** The card's facts: all metadata already at hand, plus one pass over the inventory and a few validation images. */
    private static CardFacts cardFacts(SparkSession spark, PipelineOptions options, Selection selection,
                                       List<CountStage.SynsetCount> counts, List<ShardSummary> summaries) throws IOException {
        Map<String, Long> usable = new LinkedHashMap<>();
        counts.forEach(c -> usable.put(c.synset(), c.usable()));
        ShortEdgeHistogram before = CountStage.inventory(spark, options).filter(col("reason").isNull())
                .select(least(col("width"), col("height"))).javaRDD()
                .aggregate(new ShortEdgeHistogram(), (h, r) -> {
                    h.add(r.getInt(0));
                    return h;
                }, ShortEdgeHistogram::merge);
        ShortEdgeHistogram after = new ShortEdgeHistogram();
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (ShardSummary s : summaries) {
            after.merge(s.shortEdges());
            bytes.merge(s.split(), s.bytes(), Long::sum);
        }
        var hadoop = spark.sparkContext().hadoopConfiguration();
        String inputFingerprint = options.input() == null ? "unknown (write ran without --input)"
                : InputLocator.fingerprint(options.input(), hadoop);
        String sheetShard = ShardNames.of(options.name(), PipelineOptions.VALIDATION, 0, options.valShards());
        return new CardFacts(usable, selection.synsets(), before, after, bytes, inputFingerprint,
                DatasetInfo.TOOL_VERSION, ContactSheetSamples.read(WorkPaths.of(options).shard(sheetShard), hadoop,
                        CONTACT_SHEET_SAMPLES));
    }

    /** 4 rows of 8: enough to see that labels and images belong together; ~4 MB read on the driver. */
    private static final int CONTACT_SHEET_SAMPLES = 32;

    private static DatasetInfo info(PipelineOptions options, Selection selection, List<ShardSummary> summaries) {
        List<DatasetInfo.SplitInfo> splits = new ArrayList<>();
        for (String split : List.of(PipelineOptions.TRAIN, PipelineOptions.VALIDATION)) {
            List<ShardSummary> mine = summaries.stream().filter(s -> s.split().equals(split))
                    .sorted(Comparator.comparing(ShardSummary::shard)).toList();
            splits.add(new DatasetInfo.SplitInfo(split, mine.stream().map(ShardSummary::shard).toList(),
                    mine.stream().map(ShardSummary::written).toList()));
        }
        return new DatasetInfo(options.name(), splits, selection.synsets().size(), options.recorded());
    }
}
