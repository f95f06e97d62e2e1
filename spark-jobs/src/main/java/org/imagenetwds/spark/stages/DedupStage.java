package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.duplicates.DuplicateGroups;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.DuplicatePair;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.EvaluationImages;

import scala.Tuple2;

/**
 * {@code dedup}: with {@code --decontaminate}, the train samples of the selected classes near an image of an
 * evaluation set ({@link EvaluationImages}, {@link DecontaminationJob}) are dropped first, whatever their copies;
 * then with {@code --dedup exact|near}, the duplicate pairs among the usable samples of the
 * selected classes (by the fingerprints count recorded), their groups ({@link DuplicateGroups}: connected
 * components, each keeping its smallest key, a given validation image first) and the samples dropped
 * before the split, each with the key kept in its place. The split then draws validation from kept
 * samples only, so validation stays exactly N per class. Without either option the tables are empty.
 * The pairs (two keys each) are collected on the driver to form the groups: ~100 B a pair.
 */
public final class DedupStage implements Stage {

    @Override
    public String name() {
        return "dedup";
    }

    @Override
    public String description() {
        return "Drop duplicates of the selected samples and copies of evaluation images before the split (--dedup, --decontaminate).";
    }

    @Override
    public String items() {
        return "samples";
    }

    @Override
    public void checkInputs(Context context) throws IOException {
        EvaluationImages.check(context.options().recipe().decontaminate(), context.tables().conf());
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException {
        DuplicateKind dedup = context.options().recipe().dedup();
        parts.with(DuplicateKind.OPTION, dedup == null ? "off" : dedup.code());
        List<String> sets = new ArrayList<>();
        for (EvaluationSet set : context.options().recipe().decontaminate()) {
            sets.add(EvaluationImages.fingerprint(set, context.tables().conf()));
        }
        parts.with(EvaluationSet.OPTION, sets.isEmpty() ? "off" : String.join(",", sets));
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        WorkTables tables = context.tables();
        DuplicateKind dedup = context.options().recipe().dedup();
        List<EvaluationSet> sets = context.options().recipe().decontaminate();
        if (dedup == null && sets.isEmpty()) {
            tables.writeDropped(context.spark().createDataFrame(List.of(), Schemas.DROPPED));
            noneNear(context);
            return 0;
        }
        Dataset<Row> candidates = tables.inventory()
                .filter(col("reason").isNull().and(col("sha256").isNotNull())
                        .and(col("synset").isin(tables.selection().synsets().toArray())))
                .select("synset", "key", "source", "member", "offset", "length", "split", "sha256", "dc_hash", "gradient_hash")
                .persist(StorageLevel.MEMORY_AND_DISK()); // searched, then joined with the dropped keys
        Dataset<Row> remaining = candidates;
        try {
            Dataset<Row> near = decontaminate(context, candidates, sets);
            // a sample near an evaluation image is out whatever its copies: the groups form among the others
            if (!sets.isEmpty()) {
                remaining = candidates.join(near.select(col("key").as("near_key")), col("key").equalTo(col("near_key")),
                        "left_anti").persist(StorageLevel.MEMORY_AND_DISK()); // searched as candidates would be
            }
            Map<String, String> duplicates = dedup == null ? Map.of() : duplicates(dedup, remaining);
            List<Row> keptFor = new ArrayList<>(duplicates.size());
            duplicates.forEach((key, kept) -> keptFor.add(RowFactory.create(key, kept)));
            Dataset<Row> droppedKeys = context.spark().createDataFrame(keptFor, DataTypes.createStructType(List.of(
                    DataTypes.createStructField("dropped_key", DataTypes.StringType, false),
                    DataTypes.createStructField("kept_key", DataTypes.StringType, false))));
            Dataset<Row> asDuplicates = remaining.join(droppedKeys, col("key").equalTo(col("dropped_key")))
                    .withColumn("reason", lit(RejectReason.DUPLICATE.code()))
                    .withColumn("detail", concat(lit("a copy of "), col("kept_key")));
            Dataset<Row> asNear = candidates.join(near, "key")
                    .withColumn("reason", lit(RejectReason.NEAR_EVALUATION_IMAGE.code()))
                    .withColumn("detail", concat(lit("near "), col("eval_set"), lit("!"), col("eval_name"),
                            lit(" (distance "), col("distance"), lit(")")))
                    .withColumn("kept_key", lit(null).cast(DataTypes.StringType));
            Column[] columns = Stream.of(Schemas.DROPPED.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
            tables.writeDropped(asNear.select(columns).union(asDuplicates.select(columns)).orderBy("key"));
            return near.count() + duplicates.size();
        } finally {
            remaining.unpersist();
            candidates.unpersist();
        }
    }

    /**
     * The train candidates near an evaluation image (written to the work table, read back): a given validation
     * set's images are never matched, as they are the evaluation data a recipe ships, not train data.
     */
    private static Dataset<Row> decontaminate(Context context, Dataset<Row> candidates, List<EvaluationSet> sets)
            throws IOException {
        WorkTables tables = context.tables();
        if (sets.isEmpty()) {
            return noneNear(context);
        }
        EvaluationImages.Read evaluation = EvaluationImages.read(
                JavaSparkContext.fromSparkContext(context.spark().sparkContext()), sets, tables.conf());
        Dataset<Row> near = DecontaminationJob.matches(context.spark(), candidates.filter(col("split").isNull()),
                evaluation.index());
        tables.writeDecontaminated(near.repartition(1).sortWithinPartitions("key"), evaluation.imagesBySet());
        Dataset<Row> written = tables.decontaminated();
        System.out.println("dedup: " + written.count() + " samples dropped as near one of "
                + evaluation.imagesBySet().values().stream().mapToLong(Long::longValue).sum() + " evaluation images "
                + evaluation.imagesBySet());
        return written;
    }

    /** Without {@code --decontaminate}: no sample near an evaluation image, none read. */
    private static Dataset<Row> noneNear(Context context) throws IOException {
        context.tables().writeDecontaminated(context.spark().createDataFrame(List.of(), Schemas.DECONTAMINATED), Map.of());
        return context.tables().decontaminated();
    }

    /** The samples {@code --dedup} drops among {@code candidates}, each mapped to the one kept in its place. */
    private static Map<String, String> duplicates(DuplicateKind dedup, Dataset<Row> candidates) {
        JavaRDD<DuplicatePair> pairs = dedup == DuplicateKind.EXACT
                ? DuplicatePairsJob.exactPairs(candidates.select("key", "sha256").javaRDD()
                        .map(r -> new Tuple2<>(r.getString(0), r.getString(1))))
                : DuplicatePairsJob.pairsAmong(candidates);
        List<DuplicatePair> found = pairs.collect();
        Set<String> given = new HashSet<>(); // a given validation set's images are never dropped
        candidates.filter(col("split").isNotNull()).select("key").collectAsList().forEach(r -> given.add(r.getString(0)));
        Map<String, String> dropped = DuplicateGroups.dropped(found, given);
        System.out.println("dedup: " + dropped.size() + " samples dropped as " + dedup.code() + " copies of "
                + new HashSet<>(dropped.values()).size() + " kept ones (" + found.size() + " pairs among "
                + candidates.count() + " samples of the selected classes)");
        return dropped;
    }
}
