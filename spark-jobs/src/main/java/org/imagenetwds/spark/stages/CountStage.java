package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.GivenValidation;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.io.LabelSetFiles;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.SourceUnit;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.spark.io.UnitScanner;
import org.imagenetwds.staging.StagedInputs;
import org.imagenetwds.staging.StagedRange;

/**
 * {@code count}: one inventory row per input member, from image headers only, a few synset tars or
 * folders per task; the per-synset counts come back with the tasks (no second pass over the
 * inventory), then {@code _meta/frequency.json}. A given validation set (ILSVRC-2012) is checked
 * against its devkit on the driver first, then inventoried with the train input, each image under
 * its ground-truth synset.
 */
public final class CountStage implements Stage {

    /** What one task reports for one unit it inventoried: its members and usable members per synset. */
    record UnitCount(SourceUnit unit, List<WorkTables.SynsetCount> counts) implements java.io.Serializable {
    }

    @Override
    public String name() {
        return "count";
    }

    @Override
    public String description() {
        return "Inventory every input member: its name, header and size rules, and a decode of every Huffman code of each JPEG; per-synset usable counts.";
    }

    @Override
    public String items() {
        return "members";
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException {
        PipelineOptions options = context.options();
        // the CLI refuses count and run without an input as a usage error, before Spark starts (RequiredOptions)
        java.util.Objects.requireNonNull(options.input(), "input");
        var conf = context.tables().conf();
        parts.with("input", options.input()).with("input listing", InputLocator.fingerprint(options.input(), conf))
                .with("--min-edge", options.recipe().images().minEdge())
                .with("--max-pixels", options.recipe().images().maxPixels());
        if (options.recipe().images().encoding() != ImageEncoding.JPEG) { // its largest side is a usability rule
            parts.with("--image-format", options.recipe().images().encoding().code());
        }
        parts.with("--damaged", options.recipe().images().damaged().code());
        if (options.recipe().format() != OutputFormat.WEBDATASET) { // a tree's file names have a length limit
            parts.with("--format", options.recipe().format().code());
        }
        if (stagesInputs(options, conf)) { // absent otherwise: the work folder holds what it held before staging
            parts.with("--stage-inputs", "staged");
        }
        if (givesValidation(options)) {
            parts.with("--val-input", options.valInput()).with("--devkit", options.devkit());
            if (options.valInput() != null && options.devkit() != null) {
                parts.with("val-input listing", InputLocator.fingerprint(options.valInput(), conf))
                        .with("devkit listing", InputLocator.fingerprint(options.devkit(), conf));
            }
        }
    }

    /** Whether the byte ranges of an input that is one object (an outer tar, a validation tar) are staged. */
    private static boolean stagesInputs(PipelineOptions options, Configuration conf) throws IOException {
        for (String input : java.util.Arrays.asList(options.input(), givesValidation(options) ? options.valInput() : null)) {
            if (input != null && stages(options, input, conf)) {
                return true;
            }
        }
        return false;
    }

    private static boolean stages(PipelineOptions options, String source, Configuration conf) throws IOException {
        return options.stageInputs().stages(Storage.limitsRatePerObject(Storage.fs(new Path(source), conf)));
    }

    /**
     * The tar ranges to copy under {@code --work} while they are read: of each source that holds
     * several ranges (one outer tar), when {@code --stage-inputs} stages on that source's store.
     */
    private static StagedInputs staging(PipelineOptions options, List<SourceUnit> units, WorkPaths paths,
                                        Configuration conf) throws IOException {
        List<StagedInputs.Range> ranges = new ArrayList<>();
        for (SourceUnit u : units) {
            if (u.kind() == SourceUnit.Kind.TAR && stages(options, u.source(), conf)) {
                ranges.add(new StagedInputs.Range(u.name(), u.source(), u.offset(), u.length()));
            }
        }
        return StagedInputs.plan(ranges, paths.staged().toString());
    }

    private static boolean givesValidation(PipelineOptions options) {
        return options.recipe().validation() instanceof ValidationSource.Ilsvrc2012Devkit;
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        SparkSession spark = context.spark();
        PipelineOptions options = context.options();
        WorkTables tables = context.tables();
        var hadoop = tables.conf();
        // the given validation set first: its devkit, file names and label sets are checked before any image is read
        List<SourceUnit> validation = List.of();
        if (givesValidation(options)) {
            GivenValidation.Located given = GivenValidation.locate(options.valInput(), options.devkit(), hadoop);
            LabelSetFiles.read(options, given.devkit(), hadoop); // read again by write, which attaches them
            validation = given.units();
        }
        InputLocator.InputPlan plan = InputLocator.locate(options.input(), hadoop);
        plan.ignoredLine().ifPresent(line -> System.err.println("count: " + line));
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        ImageRules rules = options.recipe().images();
        OutputFormat format = options.recipe().format();
        List<SourceUnit> units = new ArrayList<>(plan.units());
        units.addAll(validation);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<SourceUnit>> tasks = balance(units, slices(units.size(), jsc.defaultParallelism()));
        StagedInputs staging = staging(options, units, tables.paths(), hadoop);
        // an earlier count's copies (another input, a killed run): none is trusted, every range is copied again
        Storage.fs(tables.paths().staged(), hadoop).delete(tables.paths().staged(), true);
        Broadcast<StagedInputs> staged = jsc.broadcast(staging);
        CollectionAccumulator<UnitCount> reported = spark.sparkContext().collectionAccumulator("count: units");
        Progress.Counters progress = Progress.counters(spark);
        // unit by unit as the Parquet writer pulls rows: a task holds one unit's rows, not all its units'
        JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size())
                .flatMap(task -> task.stream().flatMap(unit -> {
                    List<InventoryEntry> entries;
                    try {
                        entries = UnitScanner.scan(unit, staged.value().stagedRangeOf(unit.source(), unit.offset(),
                                unit.length()), conf.value().get(), rules, format);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // fails the task, which Spark retries
                    }
                    reported.add(new UnitCount(unit, perSynset(entries, unit.givenSplit() != null)));
                    long usable = entries.stream().filter(InventoryEntry::usable).count();
                    progress.items().add(entries.size());
                    progress.rejected().add(entries.size() - usable);
                    progress.bytesRead().add(entries.stream().mapToLong(InventoryEntry::length).sum());
                    return entries.stream().map(e -> Schemas.inventoryRow(e, unit.givenSplit()));
                }).iterator());
        tables.writeInventory(rows);
        List<WorkTables.SynsetCount> counts = perSynset(units, reported.value());
        tables.writeCounts(counts);
        tables.writeStagedInputs(staging);
        Map<String, Long> usable = new LinkedHashMap<>();
        counts.forEach(c -> usable.put(c.synset(), c.usable()));
        MetaFiles.writeFrequency(tables.paths(), usable, hadoop);
        long members = counts.stream().mapToLong(WorkTables.SynsetCount::members).sum();
        long usableMembers = counts.stream().mapToLong(WorkTables.SynsetCount::usable).sum();
        System.out.println("count: " + plan.layout().code() + " input, " + plan.units().size() + " synsets"
                + (validation.isEmpty() ? "" : " and a given validation set") + ", " + members + " members, "
                + usableMembers + " usable");
        if (!staging.isEmpty()) {
            System.out.println("count: staged " + staging.ranges().size() + " tar ranges ("
                    + staging.ranges().stream().mapToLong(StagedRange::length).sum() + " bytes) as objects of their own under "
                    + tables.paths().staged() + ", for write to read");
        }
        RejectLimit.check(members, members - usableMembers, options, tables::rejectedByReason, tables.paths().inventory());
        return -1;
    }

    /** One unit's members and usable members per synset, from its rows. */
    private static List<WorkTables.SynsetCount> perSynset(List<InventoryEntry> entries, boolean givenValidation) {
        Map<String, long[]> bySynset = new TreeMap<>();
        for (InventoryEntry e : entries) {
            long[] c = bySynset.computeIfAbsent(e.synset(), s -> new long[2]);
            c[0]++;
            c[1] += e.usable() ? 1 : 0;
        }
        List<WorkTables.SynsetCount> counts = new ArrayList<>();
        bySynset.forEach((synset, c) -> counts.add(new WorkTables.SynsetCount(synset, c[0], c[1], givenValidation ? c[1] : 0)));
        return counts;
    }

    /**
     * Tasks for {@code units} synsets: a few per core so that large and small synsets even out, but
     * not one per synset: every task writes a Parquet file (and on local disks forks a chmod).
     */
    static int slices(int units, int cores) {
        return Math.max(1, Math.min(units, Math.max(3 * cores, units / 64)));
    }

    /**
     * Deals units to {@code slices} tasks, largest first to the least loaded, so no task is left
     * running long after the others (synsets differ in size tenfold). Folders count as equal.
     */
    static List<List<SourceUnit>> balance(List<SourceUnit> units, int slices) {
        List<SourceUnit> bySize = new ArrayList<>(units);
        bySize.sort(Comparator.comparingLong(SourceUnit::length).reversed().thenComparing(SourceUnit::name)
                .thenComparingLong(SourceUnit::offset));
        List<List<SourceUnit>> tasks = new ArrayList<>();
        long[] load = new long[slices];
        for (int i = 0; i < slices; i++) {
            tasks.add(new ArrayList<>());
        }
        for (SourceUnit u : bySize) {
            int least = 0;
            for (int i = 1; i < slices; i++) {
                if (load[i] < load[least]) {
                    least = i;
                }
            }
            tasks.get(least).add(u);
            load[least] += Math.max(1, u.length());
        }
        return tasks;
    }

    /**
     * Per-synset counts in synset order from what the tasks reported. A retried or speculative task
     * reports its units again with the same counts (a unit's inventory depends only on its bytes),
     * so each unit counts once; a unit nobody reported is an error, never a zero.
     */
    static List<WorkTables.SynsetCount> perSynset(List<SourceUnit> units, List<UnitCount> reported) {
        Map<SourceUnit, UnitCount> byUnit = new LinkedHashMap<>();
        reported.forEach(r -> byUnit.putIfAbsent(r.unit(), r));
        Map<String, WorkTables.SynsetCount> bySynset = new TreeMap<>();
        for (SourceUnit unit : units) {
            UnitCount r = byUnit.get(unit);
            if (r == null) {
                throw new IllegalStateException("count: no task reported " + unit.source() + " (" + unit.name()
                        + ", offset " + unit.offset() + ")");
            }
            for (WorkTables.SynsetCount c : r.counts()) {
                bySynset.merge(c.synset(), c, (x, y) -> new WorkTables.SynsetCount(x.synset(), x.members() + y.members(),
                        x.usable() + y.usable(), x.givenValidation() + y.givenValidation()));
            }
        }
        return List.copyOf(bySynset.values());
    }
}
