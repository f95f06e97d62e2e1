package org.imagenetwds.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.spark.stages.Schemas;
import org.imagenetwds.staging.StagedInputs;
import org.imagenetwds.staging.StagedRange;

/**
 * The tables stages hand to each other under {@code --work}: the inventory and per-synset counts
 * ({@code count}) and the input ranges it staged, the selection and a class view's selection ({@code select}), the
 * samples dropped before the split and those near an evaluation image ({@code dedup}), the plan and its summary ({@code split}). Every
 * stage reads and writes them here, so stages never import each other.
 */
public final class WorkTables {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Per synset: members seen and usable members, over the whole input; {@code givenValidation}: how
     * many of the usable ones belong to a given validation set.
     */
    public record SynsetCount(String synset, long members, long usable, long givenValidation)
            implements java.io.Serializable {
    }

    /** Usable images per synset of the train input (a given validation set's left out): what classes are chosen by. */
    public Map<String, Long> choosableCounts() throws IOException {
        Map<String, Long> usable = new LinkedHashMap<>();
        counts().forEach(c -> usable.put(c.synset(), c.usable() - c.givenValidation()));
        return usable;
    }

    /** Files per synset, before any image rule (the given validation set's too): what a choice by files counts. */
    public Map<String, Long> fileCounts() throws IOException {
        Map<String, Long> files = new LinkedHashMap<>();
        counts().forEach(c -> files.put(c.synset(), c.members()));
        return files;
    }

    /** What {@code split} planned: the shards of each split and how many samples each split holds. */
    public record PlanSummary(ShardLayout layout, long trainSamples, long validationSamples) {
        public long samples() {
            return trainSamples + validationSamples;
        }
    }

    private final SparkSession spark;
    private final WorkPaths paths;

    public WorkTables(SparkSession spark, WorkPaths paths) {
        this.spark = spark;
        this.paths = paths;
    }

    public WorkPaths paths() {
        return paths;
    }

    public Configuration conf() {
        return spark.sparkContext().hadoopConfiguration();
    }

    public void writeInventory(JavaRDD<Row> rows) {
        spark.createDataFrame(rows, Schemas.INVENTORY).write().mode(SaveMode.Overwrite).parquet(paths.inventory().toString());
    }

    public Dataset<Row> inventory() {
        return spark.read().schema(Schemas.INVENTORY).parquet(paths.inventory().toString());
    }

    /** The inventory's rejected members per reason (a job over the inventory). */
    public Map<String, Long> rejectedByReason() {
        Map<String, Long> byReason = new TreeMap<>();
        for (Row r : inventory().filter(col("reason").isNotNull()).groupBy("reason").count().collectAsList()) {
            byReason.put(r.getString(0), r.getLong(1));
        }
        return byReason;
    }

    public void writeCounts(List<SynsetCount> counts) throws IOException {
        Storage.writeAtomically(paths.counts(), JSON.writeValueAsBytes(counts), conf());
    }

    /** Records which input ranges {@code count} staged; none: no record (a work folder from before staging reads the same). */
    public void writeStagedInputs(StagedInputs staged) throws IOException {
        if (staged.isEmpty()) {
            Storage.fs(paths.stagedInputs(), conf()).delete(paths.stagedInputs(), false);
        } else {
            Storage.writeAtomically(paths.stagedInputs(), JSON.writeValueAsBytes(staged.ranges()), conf());
        }
    }

    /** The input ranges {@code count} staged, and the copy of each. */
    public StagedInputs stagedInputs() throws IOException {
        if (!Storage.exists(paths.stagedInputs(), conf())) {
            return StagedInputs.NONE;
        }
        return new StagedInputs(JSON.readValue(Storage.read(paths.stagedInputs(), conf()),
                new TypeReference<List<StagedRange>>() { }));
    }

    /** Per-synset counts in synset order, as {@code count} recorded them (a few thousand rows). */
    public List<SynsetCount> counts() throws IOException {
        return JSON.readValue(Storage.read(paths.counts(), conf()), new TypeReference<List<SynsetCount>>() { });
    }

    public void writeSelection(Selection selection) throws IOException {
        Storage.writeAtomically(paths.selection(), selection.toJson(), conf());
    }

    public Selection selection() throws IOException {
        return Selection.parse(Storage.read(paths.selection(), conf()));
    }

    /** The class view's classes, chosen by {@code select} from the same counts; label = index, as {@link #selection()}. */
    public void writeViewSelection(Selection selection) throws IOException {
        Storage.writeAtomically(paths.viewSelection(), selection.toJson(), conf());
    }

    public Selection viewSelection() throws IOException {
        return Selection.parse(Storage.read(paths.viewSelection(), conf()));
    }

    /** The samples {@code dedup} drops (rows of {@link Schemas#DROPPED}; none without {@code --dedup}). */
    public void writeDropped(Dataset<Row> rows) {
        rows.write().mode(SaveMode.Overwrite).parquet(paths.dropped().toString());
    }

    public Dataset<Row> dropped() {
        return spark.read().schema(Schemas.DROPPED).parquet(paths.dropped().toString());
    }

    /**
     * The samples {@code dedup} drops as near an evaluation image, each with its nearest one ({@code key},
     * {@code eval_set}, {@code eval_name}, {@code distance}), and how many images each evaluation set held
     * (none without {@code --decontaminate}).
     */
    public void writeDecontaminated(Dataset<Row> rows, Map<String, Long> evaluationImages) throws IOException {
        rows.write().mode(SaveMode.Overwrite).parquet(paths.decontaminated().toString());
        Storage.writeAtomically(paths.evaluationImages(), JSON.writeValueAsBytes(evaluationImages), conf());
    }

    public Dataset<Row> decontaminated() {
        return spark.read().schema(Schemas.DECONTAMINATED).parquet(paths.decontaminated().toString());
    }

    /** Images read of each evaluation set, in the order given. */
    public Map<String, Long> evaluationImages() throws IOException {
        return JSON.readValue(Storage.read(paths.evaluationImages(), conf()), new TypeReference<LinkedHashMap<String, Long>>() { });
    }

    /** Dropped samples per synset (a job over the dropped table; few rows). */
    public Map<String, Long> droppedBySynset() {
        Map<String, Long> bySynset = new TreeMap<>();
        for (Row r : dropped().groupBy("synset").count().collectAsList()) {
            bySynset.put(r.getString(0), r.getLong(1));
        }
        return bySynset;
    }

    public void writePlan(JavaRDD<Row> rows, PlanSummary summary) throws IOException {
        spark.createDataFrame(rows, Schemas.PLAN).write().mode(SaveMode.Overwrite).parquet(paths.plan().toString());
        Storage.writeAtomically(paths.planSummary(), JSON.writeValueAsBytes(summary), conf());
    }

    public Dataset<Row> plan() {
        return spark.read().schema(Schemas.PLAN).parquet(paths.plan().toString());
    }

    public PlanSummary planSummary() throws IOException {
        return JSON.readValue(Storage.read(paths.planSummary(), conf()), PlanSummary.class);
    }
}
