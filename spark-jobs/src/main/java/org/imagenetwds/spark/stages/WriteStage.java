package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

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
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.duplicates.DecontaminationStats;
import org.imagenetwds.duplicates.DuplicateStats;
import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.dataset.ShardChecksums;
import org.imagenetwds.dataset.ShortEdgeHistogram;
import org.imagenetwds.card.CardFacts;
import org.imagenetwds.card.ContactSheet;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ResizeRule;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.plan.ImageFolderLayout;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.plan.ShardNames;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.recipe.ClassList;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.GivenValidation;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.io.LabelSetFiles;
import org.imagenetwds.spark.io.RangeReader;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.staging.StagedInputs;
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
public final class WriteStage implements Stage {

    /**
     * What a write task reports: its shard's counts, bytes, rejects, the shorter edges it wrote and
     * its repaired samples (few: damaged images are rare).
     */
    record ShardSummary(String split, String shard, long written, long writtenInView, long bytes, String sha256,
                        List<InventoryEntry> rejected, ShortEdgeHistogram shortEdges, List<Repaired> repaired)
            implements java.io.Serializable {
    }

    /** One written sample that was repaired. */
    record Repaired(String key, String synset, String split, String shard, String source, String member, String repair)
            implements java.io.Serializable {
    }

    /**
     * Sample reads each write task keeps in flight ({@code --conf spark.hadoop.imagenetwds.read.parallelism=N}):
     * each is a positional read, a ranged GET on S3, so on object stores more hide more latency.
     */
    public static final String READ_PARALLELISM = "imagenetwds.read.parallelism";
    static final int DEFAULT_READ_PARALLELISM = 8;

    @Override
    public String name() {
        return "write";
    }

    @Override
    public String description() {
        return "Write the shards, _info.json, classes.txt and _meta/.";
    }

    @Override
    public String items() {
        return "samples";
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException {
        Recipe r = context.options().recipe();
        parts.with("name", r.datasetName()).with("--max-short-edge", r.images().maxShortEdge())
                .with("--jpeg-quality", r.images().jpegQuality()).with("--format", r.format().code())
                .with("--damaged", r.images().damaged().code());
        if (r.images().encoding() != ImageEncoding.JPEG) { // absent for jpeg: existing work folders stay valid
            parts.with("--image-format", r.images().encoding().code());
        }
        if (r.images().resize() != ResizeRule.CAP_SHORT_EDGE) { // absent for the default, as --image-format
            parts.with("--resize", r.images().resize().code());
        }
        if (r.view() != null) {
            parts.with("view", r.view());
        }
        LabelSetFiles.fingerprint(parts, context.options(), context.tables().conf());
    }

    @Override
    public long expectedItems(Context context) throws IOException {
        return context.tables().planSummary().samples();
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        SparkSession spark = context.spark();
        PipelineOptions options = context.options();
        WorkTables tables = context.tables();
        WorkPaths paths = tables.paths();
        var hadoop = tables.conf();
        refuseAnotherDataset(paths, options.recipe().datasetName(), hadoop);
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        Selection selection = tables.selection();
        ShardLayout layout = tables.planSummary().layout();
        String dataset = options.recipe().datasetName();
        ImageRules rules = options.recipe().images();
        OutputFormat format = options.recipe().format();
        ClassView view = options.recipe().view();
        int readParallelism = hadoop.getInt(READ_PARALLELISM, DEFAULT_READ_PARALLELISM);
        Progress.Counters progress = Progress.counters(spark);
        Ilsvrc2012Devkit devkit = options.labelSetFiles().isEmpty() ? null : GivenValidation.devkit(options.devkit(), hadoop);
        ValidationLabels labelSets = devkit == null ? ValidationLabels.NONE : LabelSetFiles.read(options, devkit, hadoop);
        Broadcast<ValidationLabels> labels = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(labelSets);
        Broadcast<StagedInputs> staged = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .broadcast(stagedCopies(tables, hadoop));
        List<ShardSummary> summaries = tables.plan()
                .javaRDD()
                .mapToPair(r -> new Tuple2<>(r.<Integer>getAs("global_shard"), r))
                .partitionBy(new KeyPartitioner<Integer>(layout.total(), shard -> shard)) // global shard i → partition i
                .mapPartitionsWithIndex((index, rows) -> {
                    List<PlannedSample> samples = new ArrayList<>();
                    rows.forEachRemaining(t -> samples.add(Schemas.plannedSample(t._2())));
                    samples.sort(Comparator.comparingInt(PlannedSample::position));
                    String split = layout.splitOf(index);
                    String name = layout.shardNameOf(dataset, index);
                    ShardCommitter.Committed committed;
                    try (ShardBuilder builder = new ShardBuilder(rules,
                            readers -> staged.value().reading(new RangeReader(conf.value().get(), readers)), readParallelism,
                            org.imagenetwds.image.ImageTransformer.DEFAULT_TIME_LIMIT, labels.value(), view)) {
                        ShardCommitter committer = new ShardCommitter(paths, conf.value().get(), fingerprint);
                        committed = format == OutputFormat.IMAGEFOLDER ? committer.commitFiles(split, name, samples, builder)
                                : committer.commit(split, name, samples, builder);
                    }
                    ShardResult result = committed.result();
                    progress.items().add(result.written().size());
                    progress.rejected().add(result.rejected().size());
                    if (committed.written()) { // a reused shard read and wrote no image bytes this run
                        progress.bytesRead().add(samples.stream().mapToLong(PlannedSample::length).sum());
                        progress.bytesWritten().add(result.bytes());
                    }
                    ShortEdgeHistogram shortEdges = new ShortEdgeHistogram();
                    result.written().forEach(m -> shortEdges.add(Math.min(m.width(), m.height())));
                    List<Repaired> repaired = result.written().stream().filter(m -> m.repair() != null)
                            .map(m -> new Repaired(m.key(), m.synset(), m.split(), m.shard(), m.source(), m.member(), m.repair()))
                            .toList();
                    return List.of(new ShardSummary(split, name, result.written().size(), writtenInView(samples, result),
                            result.bytes(), result.sha256(), result.rejected(), shortEdges, repaired)).iterator();
                }, true)
                .collect();
        Storage.fs(paths.shardTemp(), hadoop).delete(paths.shardTemp(), true);
        if (format != OutputFormat.IMAGEFOLDER) {
            removeEarlierShards(paths, dataset, summaries, hadoop);
            Map<String, String> sums = new TreeMap<>();
            summaries.forEach(s -> sums.put(s.shard(), s.sha256()));
            Storage.writeAtomically(paths.meta(ShardChecksums.FILE), ShardChecksums.render(sums), hadoop);
        }
        long tablesStart = System.nanoTime();
        List<WorkTables.SynsetCount> counts = tables.counts();
        Dataset<Row> dropped = droppedRejects(tables);
        Map<String, Long> droppedByReason = byReason(dropped);
        writeTables(spark, tables, selection, counts, summaries, dropped, conf);
        writeRepaired(spark, tables, summaries, rules.damaged());
        if (devkit != null) {
            LabelsTable.write(spark, labelSets, devkit, paths.meta("labels"));
        } else {
            Storage.fs(paths.metaFolder(), hadoop).delete(paths.meta("labels"), true); // an earlier build's
        }
        long duplicatesStart = System.nanoTime();
        DuplicateStats duplicates = writeDuplicates(spark, tables);
        long duplicatesNanos = System.nanoTime() - duplicatesStart;
        DecontaminationStats decontamination = writeDecontaminated(options, tables);
        BuildStats stats = stats(tables, selection, counts, summaries, droppedByReason, duplicates, decontamination);
        Selection viewSelection = view == null ? null : tables.viewSelection();
        long cardStart = System.nanoTime();
        DatasetInfo info = info(options.recipe().withShards(layout), selection, summaries);
        CardFacts facts = cardFacts(spark, options, tables, selection, viewSelection, counts, summaries, layout, labelSets);
        MetaFiles.writeResults(paths, info, stats, selection, viewSelection, facts, hadoop);
        // the driver-side tail of the stage, apart from the shard tasks: what grows with classes, not samples
        System.out.printf("write: _meta tables in %.1f s (of which the duplicate search %.1f s), _info.json and dataset"
                + " card in %.1f s%n", (cardStart - tablesStart) / 1e9, duplicatesNanos / 1e9, (System.nanoTime() - cardStart) / 1e9);
        System.out.println("write: " + stats.written() + " samples " + format.placeOf(layout.splits(), layout.total())
                + (stats.repaired() == 0 ? "" : " (" + stats.repaired() + " repaired: " + stats.repairedByKind() + ")")
                + ", " + stats.rejected() + " rejected, " + stats.unselected() + " unselected, of " + stats.inputMembers()
                + " input members");
        // what --dedup drops was asked for: the limit is on what the input's damage rejects
        long requested = droppedByReason.values().stream().mapToLong(Long::longValue).sum();
        RejectLimit.check(stats.inputMembers(), stats.rejected() - requested, options, stats::rejectedByReason,
                paths.meta("rejected"));
        return -1;
    }

    /**
     * The input ranges count staged, each copy checked against one listing of them before any task
     * reads: a copy missing or of another length (the folder removed or written over since count)
     * fails the stage naming it, instead of a task failing on it later.
     */
    private static StagedInputs stagedCopies(WorkTables tables, Configuration hadoop) throws IOException {
        StagedInputs staged = tables.stagedInputs();
        if (staged.isEmpty()) {
            return staged;
        }
        Path folder = tables.paths().staged();
        Map<String, Long> copies = new HashMap<>();
        Storage.filesUnder(folder, hadoop).forEach((file, size) -> copies.put(folder + "/" + file, size));
        List<org.imagenetwds.staging.StagedRange> unmatched = staged.unmatched(copies);
        if (!unmatched.isEmpty()) {
            var first = unmatched.get(0);
            throw new PipelineFailure(unmatched.size() + " of " + staged.ranges().size() + " input ranges count staged under "
                    + folder + " are missing or of another length, e.g. " + first.staged() + " (" + first.length()
                    + " bytes at " + first.offset() + " of " + first.source() + "): run count again (remove "
                    + tables.paths().stageMarker("count") + ")");
        }
        System.out.println("write: reading the samples of " + staged.ranges().size() + " staged tar ranges from "
                + folder + " (kept with the work folder; remove it when the build is done)");
        return staged;
    }

    /**
     * Refuses an output folder that holds another dataset (its {@code _info.json} names it): the two
     * builds' shards would sit side by side and neither's files would verify. Called before any work.
     */
    public static void refuseAnotherDataset(WorkPaths paths, String dataset, Configuration hadoop)
            throws IOException {
        Path existing = paths.result("_info.json");
        if (!Storage.exists(existing, hadoop)) {
            return;
        }
        String name;
        try {
            name = DatasetInfo.parse(Storage.read(existing, hadoop)).name();
        } catch (IOException | RuntimeException unreadable) {
            throw new PipelineFailure(existing + " is not an _info.json this tool reads (" + unreadable.getMessage()
                    + "): give another --output, or remove that file");
        }
        if (!name.equals(dataset)) {
            throw new PipelineFailure("--output " + paths.output() + " already holds the dataset " + name
                    + " (its _info.json); this build writes " + dataset + ": give another --output, or remove "
                    + name + "'s files from it first");
        }
    }

    /**
     * Shards of this dataset's name that this build does not have, left by an earlier build into the
     * same output with other shard counts: the new {@code _info.json} would not list them, while
     * globs such as the card's {@code imagenet12k-train-*.tar} would still read them.
     */
    private static void removeEarlierShards(WorkPaths paths, String dataset, List<ShardSummary> summaries,
                                            Configuration hadoop) throws IOException {
        Set<String> current = new HashSet<>();
        summaries.forEach(s -> current.add(s.shard()));
        FileSystem fs = Storage.fs(paths.output(), hadoop);
        SortedSet<String> removed = new TreeSet<>();
        for (FileStatus f : fs.listStatus(paths.output())) {
            String name = f.getPath().getName();
            if (f.isFile() && ShardNames.isShardOf(dataset, name) && !current.contains(name)) {
                fs.delete(f.getPath(), false);
                removed.add(name);
            }
        }
        if (!removed.isEmpty()) {
            System.out.println("write: removed " + removed.size() + " shard(s) of an earlier build with other shard"
                    + " counts that this build does not have (" + FirstNames.of(removed, 3) + ")");
        }
    }

    /** How many of a shard's written samples are in the class view (label_12k >= 0). */
    private static long writtenInView(List<PlannedSample> samples, ShardResult result) {
        java.util.Set<String> written = new java.util.HashSet<>();
        result.written().forEach(m -> written.add(m.key()));
        return samples.stream().filter(s -> s.viewLabel() != ClassView.OUTSIDE && written.contains(s.key())).count();
    }

    private static void writeTables(SparkSession spark, WorkTables tables, Selection selection,
                                    List<WorkTables.SynsetCount> synsetCounts, List<ShardSummary> summaries,
                                    Dataset<Row> droppedRejects, Broadcast<SerializableHadoopConf> conf) {
        WorkPaths paths = tables.paths();
        List<String> shards = summaries.stream().map(ShardSummary::shard).toList();
        JavaRDD<String> shardRdd = JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(shards, Math.max(1, Math.min(shards.size(), spark.sparkContext().defaultParallelism())));
        JavaRDD<Row> manifest = shardRdd.flatMap(shard -> ShardCommitter.read(paths, conf.value().get(), shard)
                .written().stream().map(Schemas::manifestRow).iterator());
        spark.createDataFrame(manifest, Schemas.MANIFEST).write().mode(SaveMode.Overwrite)
                .parquet(paths.meta("manifest").toString());
        List<Row> writeRejects = summaries.stream().flatMap(s -> s.rejected().stream())
                .map(e -> Schemas.rejectedRow(e, "write")).toList();
        Dataset<Row> countRejects = tables.inventory().filter(col("reason").isNotNull())
                .select(col("synset"), col("source"), col("member"), col("offset"), col("length"), col("reason"),
                        col("detail"), lit("count").as("stage"));
        countRejects.unionByName(spark.createDataFrame(writeRejects, Schemas.REJECTED)).unionByName(droppedRejects)
                .write().mode(SaveMode.Overwrite).parquet(paths.meta("rejected").toString());
        List<Row> counts = new ArrayList<>();
        for (WorkTables.SynsetCount c : synsetCounts) {
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

    /**
     * {@code _meta/repaired}: each written sample that was repaired, how, and libjpeg's message on
     * the file as given. Absent from a {@code --damaged reject} build, whose output is as before.
     */
    private static void writeRepaired(SparkSession spark, WorkTables tables, List<ShardSummary> summaries,
                                      DamagedImages damaged) throws IOException {
        Path table = tables.paths().meta("repaired");
        if (damaged != DamagedImages.REPAIR) {
            Storage.fs(tables.paths().metaFolder(), tables.conf()).delete(table, true); // an earlier build's
            return;
        }
        Map<String, String> messages = new HashMap<>(); // "source member" -> libjpeg's message: few, damage is rare
        tables.inventory().filter(col("repair").isNotNull()).select(col("source"), col("member"), col("detail"))
                .collectAsList().forEach(r -> messages.put(r.getString(0) + " " + r.getString(1), r.getString(2)));
        List<Row> rows = summaries.stream().flatMap(s -> s.repaired().stream())
                .sorted(Comparator.comparing(Repaired::split).thenComparing(Repaired::shard).thenComparing(Repaired::key))
                .map(r -> RowFactory.create(r.key(), r.synset(), r.split(), r.shard(), r.source(), r.member(), r.repair(),
                        messages.get(r.source() + " " + r.member())))
                .toList();
        spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                        DataTypes.createStructField("key", DataTypes.StringType, false),
                        DataTypes.createStructField("synset", DataTypes.StringType, false),
                        DataTypes.createStructField("split", DataTypes.StringType, false),
                        DataTypes.createStructField("shard", DataTypes.StringType, false),
                        DataTypes.createStructField("source", DataTypes.StringType, false),
                        DataTypes.createStructField("member", DataTypes.StringType, false),
                        DataTypes.createStructField("repair", DataTypes.StringType, false),
                        DataTypes.createStructField("message", DataTypes.StringType, true))))
                .coalesce(1).write().mode(SaveMode.Overwrite).parquet(table.toString());
    }

    /**
     * The samples {@code dedup} dropped, as rows of {@code _meta/rejected}: a duplicate whose kept copy the
     * split put into validation is {@code duplicate_of_validation}, any other keeps dedup's reason.
     */
    private static Dataset<Row> droppedRejects(WorkTables tables) {
        Dataset<Row> validation = tables.plan().filter(col("split").equalTo(ShardLayout.VALIDATION))
                .select(col("key").as("validation_key"));
        return tables.dropped().join(validation, col("kept_key").equalTo(col("validation_key")), "left")
                .select(col("synset"), col("source"), col("member"), col("offset"), col("length"),
                        when(col("validation_key").isNotNull(), lit(RejectReason.DUPLICATE_OF_VALIDATION.code()))
                                .otherwise(col("reason")).as("reason"),
                        col("detail"), lit("dedup").as("stage"));
    }

    private static Map<String, Long> byReason(Dataset<Row> rejects) {
        Map<String, Long> byReason = new TreeMap<>();
        rejects.groupBy("reason").count().collectAsList().forEach(r -> byReason.put(r.getString(0), r.getLong(1)));
        return byReason;
    }

    /** The file of the duplicate pairs among the written samples, under {@code _meta/}. */
    static final String DUPLICATES = "duplicates.parquet";

    /** Pairs shown in the card's picture: two rows of the contact sheet's grid. */
    private static final int PICTURED_PAIRS = 8;

    /**
     * {@code _meta/duplicates.parquet}: the duplicate pairs among the written samples (the manifest just
     * written), found by the fingerprints count recorded in the inventory.
     */
    private static DuplicateStats writeDuplicates(SparkSession spark, WorkTables tables) {
        Dataset<Row> written = manifest(spark, tables.paths()).select("key", "synset", "split");
        // a usable member without a fingerprint (none expected: count fingerprints every usable member) is in no pair
        Dataset<Row> fingerprints = tables.inventory().filter(col("reason").isNull().and(col("sha256").isNotNull()))
                .select(col("synset").as("usable_synset"), col("key").as("usable_key"), col("sha256"), col("dc_hash"),
                        col("gradient_hash"));
        Dataset<Row> writtenFingerprints = written.join(fingerprints, col("synset").equalTo(col("usable_synset"))
                .and(col("key").equalTo(col("usable_key")))).persist(StorageLevel.MEMORY_AND_DISK()); // joined once
        try {
            return DuplicatePairsJob.write(spark, DuplicatePairsJob.pairsAmong(writtenFingerprints), written,
                    tables.paths().meta(DUPLICATES).toString());
        } finally {
            writtenFingerprints.unpersist();
        }
    }

    /** The file of the samples dropped as near an evaluation image, under {@code _meta/} ({@code --decontaminate} only). */
    static final String DECONTAMINATED = "decontaminated.parquet";

    /**
     * {@code _meta/decontaminated.parquet}: dedup's table of the samples near an evaluation image, one sorted
     * file; its figures per set. Without {@code --decontaminate} no file (an earlier build's is removed) and no figures.
     */
    private static DecontaminationStats writeDecontaminated(PipelineOptions options, WorkTables tables) throws IOException {
        Path table = tables.paths().meta(DECONTAMINATED);
        if (options.recipe().decontaminate().isEmpty()) {
            Storage.fs(table, tables.conf()).delete(table, true);
            return null;
        }
        Dataset<Row> near = tables.decontaminated();
        near.coalesce(1).sortWithinPartitions("key").write().mode(SaveMode.Overwrite).parquet(table.toString());
        Map<String, Long> droppedBySet = new LinkedHashMap<>();
        near.groupBy("eval_set").count().collectAsList().forEach(r -> droppedBySet.put(r.getString(0), r.getLong(1)));
        return new DecontaminationStats(tables.evaluationImages(), droppedBySet);
    }

    private static Dataset<Row> manifest(SparkSession spark, WorkPaths paths) {
        return spark.read().schema(Schemas.MANIFEST).parquet(paths.meta("manifest").toString());
    }

    /**
     * Where every input member went; usable members that neither the plan nor dedup took (other classes, a
     * subset) are unselected.
     */
    private static BuildStats stats(WorkTables tables, Selection selection, List<WorkTables.SynsetCount> counts,
                                    List<ShardSummary> summaries, Map<String, Long> droppedByReason,
                                    DuplicateStats duplicates, DecontaminationStats decontamination) throws IOException {
        long members = 0;
        long usable = 0;
        for (WorkTables.SynsetCount c : counts) {
            members += c.members();
            usable += c.usable();
        }
        long dropped = droppedByReason.values().stream().mapToLong(Long::longValue).sum();
        long unselected = usable - tables.planSummary().samples() - dropped;
        Map<String, Long> rejected = new TreeMap<>(tables.rejectedByReason());
        droppedByReason.forEach((reason, n) -> rejected.merge(reason, n, Long::sum));
        Map<String, Long> written = new LinkedHashMap<>();
        tables.planSummary().layout().splits().forEach(split -> written.put(split, 0L));
        Map<String, Long> repaired = new TreeMap<>();
        for (ShardSummary s : summaries) {
            written.merge(s.split(), s.written(), Long::sum);
            s.rejected().forEach(e -> rejected.merge(e.reason(), 1L, Long::sum));
            s.repaired().forEach(r -> repaired.merge(r.repair(), 1L, Long::sum));
        }
        return new BuildStats(members, written, rejected, unselected, selection.synsets().size(),
                selection.cutoffCount(), selection.tieSplit(), repaired, duplicates, decontamination);
    }

    /** The card's facts: all metadata already at hand, plus one pass over the inventory and a few validation images. */
    private static CardFacts cardFacts(SparkSession spark, PipelineOptions options, WorkTables tables, Selection selection,
                                       Selection viewSelection, List<WorkTables.SynsetCount> counts, List<ShardSummary> summaries,
                                       ShardLayout layout, ValidationLabels labelSets) throws IOException {
        Map<String, Long> usable = new LinkedHashMap<>();
        counts.forEach(c -> usable.put(c.synset(), c.usable()));
        ShortEdgeHistogram before = tables.inventory().filter(col("reason").isNull())
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
        var hadoop = tables.conf();
        String inputFingerprint = options.input() == null ? "unknown (write ran without --input)"
                : InputLocator.fingerprint(options.input(), hadoop);
        String sheetShard = layout.shardName(options.recipe().datasetName(), ContactSheet.splitOf(layout), 0);
        Selection topK = viewSelection != null ? viewSelection : selection;
        return new CardFacts(usable, selection.synsets(), before, after, bytes, inputFingerprint,
                DatasetInfo.TOOL_VERSION, ContactSheetSamples.read(tables.paths().shard(sheetShard), hadoop,
                        CONTACT_SHEET_SAMPLES), labelSets,
                viewSelection == null ? List.of() : viewSelection.synsets(),
                options.recipe().optionChoice() instanceof ClassChoice.TopK
                        ? ClassList.comparedWithPublished12k(topK, tables.choosableCounts()) : null,
                options.recipe().format() == OutputFormat.IMAGEFOLDER ? List.of() // no shard offsets to read them by
                        : DuplicatePairsJob.firstPairImages(spark, tables.paths().meta(DUPLICATES).toString(),
                        manifest(spark, tables.paths()), tables.paths(), hadoop, PICTURED_PAIRS));
    }

    /** 4 rows of 8: enough to see that labels and images belong together; ~4 MB read on the driver. */
    private static final int CONTACT_SHEET_SAMPLES = 32;

    /**
     * An ImageFolder tree's splits list their folder ({@code train}, {@code val}) as their one "file".
     * A class view adds its splits over the same shards ({@code train_12k}), counting only its samples.
     */
    private static DatasetInfo info(Recipe recipe, Selection selection, List<ShardSummary> summaries) {
        List<DatasetInfo.SplitInfo> splits = new ArrayList<>();
        List<String> names = recipe.shards().splits();
        for (String split : names) {
            splits.add(splitInfo(recipe, split, split, summaries, ShardSummary::written, null));
        }
        if (recipe.view() != null) {
            for (String split : names) {
                splits.add(splitInfo(recipe, split, recipe.view().splitName(split), summaries, ShardSummary::writtenInView,
                        recipe.view().labelField()));
            }
        }
        return new DatasetInfo(recipe.datasetName(), splits, selection.synsets().size(), recipe);
    }

    private static DatasetInfo.SplitInfo splitInfo(Recipe recipe, String split, String name, List<ShardSummary> summaries,
                                                   java.util.function.ToLongFunction<ShardSummary> samples, String altLabel) {
        List<ShardSummary> mine = summaries.stream().filter(s -> s.split().equals(split))
                .sorted(Comparator.comparing(ShardSummary::shard)).toList();
        return recipe.format() == OutputFormat.IMAGEFOLDER
                ? new DatasetInfo.SplitInfo(name, List.of(ImageFolderLayout.folderOf(split)),
                        List.of(mine.stream().mapToLong(samples).sum()), altLabel)
                : new DatasetInfo.SplitInfo(name, mine.stream().map(ShardSummary::shard).toList(),
                        mine.stream().map(samples::applyAsLong).toList(), altLabel);
    }
}
