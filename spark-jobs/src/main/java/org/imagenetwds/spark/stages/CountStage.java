package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.inventory.InventoryEntry;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.io.SerializableHadoopConf;
import org.imagenetwds.spark.io.SourceUnit;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.spark.io.UnitScanner;

/**
 * {@code count}: one inventory row per input member, from image headers only, a few synset tars or
 * folders per task; the per-synset counts come back with the tasks (no second pass over the
 * inventory), then {@code _meta/frequency.json}.
 */
public final class CountStage {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per synset: members seen and usable members. */
    public record SynsetCount(String synset, long members, long usable) {
    }

    /** What one task reports for one unit it inventoried. */
    record UnitCount(SourceUnit unit, long members, long usable) implements java.io.Serializable {
    }

    private CountStage() {
    }

    public static void run(SparkSession spark, PipelineOptions options) throws IOException {
        if (options.input() == null) {
            throw new IllegalArgumentException("count needs --input");
        }
        WorkPaths paths = WorkPaths.of(options);
        var hadoop = spark.sparkContext().hadoopConfiguration();
        InputLocator.InputPlan plan = InputLocator.locate(options.input(), hadoop);
        if (!plan.ignored().isEmpty()) {
            System.err.println("count: ignoring " + plan.ignored().size() + " outer-tar members that are not synset tars, e.g. "
                    + plan.ignored().get(0));
        }
        Broadcast<SerializableHadoopConf> conf = SerializableHadoopConf.broadcast(spark);
        ImageRules rules = options.imageRules();
        List<SourceUnit> units = plan.units();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<List<SourceUnit>> tasks = balance(units, slices(units.size(), jsc.defaultParallelism()));
        CollectionAccumulator<UnitCount> reported = spark.sparkContext().collectionAccumulator("count: units");
        Progress.Counters progress = Progress.counters(spark);
        // unit by unit as the Parquet writer pulls rows: a task holds one unit's rows, not all its units'
        JavaRDD<Row> rows = jsc.parallelize(tasks, tasks.size())
                .flatMap(task -> task.stream().flatMap(unit -> {
                    List<InventoryEntry> entries;
                    try {
                        entries = UnitScanner.scan(unit, conf.value().get(), rules);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // fails the task, which Spark retries
                    }
                    long usable = entries.stream().filter(InventoryEntry::usable).count();
                    reported.add(new UnitCount(unit, entries.size(), usable));
                    progress.items().add(entries.size());
                    progress.rejected().add(entries.size() - usable);
                    progress.bytesRead().add(entries.stream().mapToLong(InventoryEntry::length).sum());
                    return entries.stream().map(Schemas::inventoryRow);
                }).iterator());
        spark.createDataFrame(rows, Schemas.INVENTORY).write().mode(SaveMode.Overwrite).parquet(paths.inventory().toString());
        List<SynsetCount> counts = perSynset(units, reported.value());
        Storage.writeAtomically(paths.counts(), JSON.writeValueAsBytes(counts), hadoop);
        Map<String, Long> usable = new LinkedHashMap<>();
        counts.forEach(c -> usable.put(c.synset(), c.usable()));
        MetaFiles.writeFrequency(paths, usable, hadoop);
        System.out.println("count: " + plan.layout().code() + " input, " + units.size() + " synsets, "
                + counts.stream().mapToLong(SynsetCount::members).sum() + " members, "
                + counts.stream().mapToLong(SynsetCount::usable).sum() + " usable");
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
        bySize.sort(Comparator.comparingLong(SourceUnit::length).reversed().thenComparing(SourceUnit::synset));
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

    public static Dataset<Row> inventory(SparkSession spark, PipelineOptions options) {
        return spark.read().schema(Schemas.INVENTORY).parquet(WorkPaths.of(options).inventory().toString());
    }

    /** Per-synset counts in synset order, as {@code count} recorded them (a few thousand rows). */
    public static List<SynsetCount> counts(SparkSession spark, PipelineOptions options) throws IOException {
        return JSON.readValue(Storage.read(WorkPaths.of(options).counts(), spark.sparkContext().hadoopConfiguration()),
                new TypeReference<List<SynsetCount>>() { });
    }

    /**
     * Per-synset counts in synset order from what the tasks reported. A retried or speculative task
     * reports its units again with the same counts (a unit's inventory depends only on its bytes),
     * so each unit counts once; a unit nobody reported is an error, never a zero.
     */
    static List<SynsetCount> perSynset(List<SourceUnit> units, List<UnitCount> reported) {
        Map<SourceUnit, UnitCount> byUnit = new LinkedHashMap<>();
        reported.forEach(r -> byUnit.putIfAbsent(r.unit(), r));
        Map<String, SynsetCount> bySynset = new TreeMap<>();
        for (SourceUnit unit : units) {
            UnitCount r = byUnit.get(unit);
            if (r == null) {
                throw new IllegalStateException("count: no task reported " + unit.source() + " (synset " + unit.synset()
                        + ", offset " + unit.offset() + ")");
            }
            bySynset.merge(unit.synset(), new SynsetCount(unit.synset(), r.members(), r.usable()),
                    (a, b) -> new SynsetCount(a.synset(), a.members() + b.members(), a.usable() + b.usable()));
        }
        return List.copyOf(bySynset.values());
    }
}
