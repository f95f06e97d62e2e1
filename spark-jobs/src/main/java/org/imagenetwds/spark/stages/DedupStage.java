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
import org.imagenetwds.spark.WorkTables;

import scala.Tuple2;

/**
 * {@code dedup}: with {@code --dedup exact|near}, the duplicate pairs among the usable samples of the
 * selected classes (by the fingerprints count recorded), their groups ({@link DuplicateGroups}: connected
 * components, each keeping its smallest key, a given validation image first) and the samples dropped
 * before the split, each with the key kept in its place. The split then draws validation from kept
 * samples only, so validation stays exactly N per class. Without {@code --dedup} the table is empty.
 * The pairs (two keys each) are collected on the driver to form the groups: ~100 B a pair.
 */
public final class DedupStage implements Stage {

    @Override
    public String name() {
        return "dedup";
    }

    @Override
    public String description() {
        return "Drop duplicates of the selected samples before the split (--dedup exact|near).";
    }

    @Override
    public String items() {
        return "samples";
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) {
        DuplicateKind dedup = context.options().recipe().dedup();
        parts.with("--dedup", dedup == null ? "off" : dedup.code());
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        WorkTables tables = context.tables();
        DuplicateKind dedup = context.options().recipe().dedup();
        if (dedup == null) {
            tables.writeDropped(context.spark().createDataFrame(List.of(), Schemas.DROPPED));
            return 0;
        }
        Dataset<Row> candidates = tables.inventory()
                .filter(col("reason").isNull().and(col("sha256").isNotNull())
                        .and(col("synset").isin(tables.selection().synsets().toArray())))
                .select("synset", "key", "source", "member", "offset", "length", "split", "sha256", "dc_hash", "gradient_hash")
                .persist(StorageLevel.MEMORY_AND_DISK()); // searched, then joined with the dropped keys
        try {
            JavaRDD<DuplicatePair> pairs = dedup == DuplicateKind.EXACT
                    ? DuplicatePairsJob.exactPairs(candidates.select("key", "sha256").javaRDD()
                            .map(r -> new Tuple2<>(r.getString(0), r.getString(1))))
                    : DuplicatePairsJob.pairsAmong(candidates);
            List<DuplicatePair> found = pairs.collect();
            Set<String> given = new HashSet<>(); // a given validation set's images are never dropped
            candidates.filter(col("split").isNotNull()).select("key").collectAsList().forEach(r -> given.add(r.getString(0)));
            Map<String, String> dropped = DuplicateGroups.dropped(found, given);
            List<Row> keptFor = new ArrayList<>(dropped.size());
            dropped.forEach((key, kept) -> keptFor.add(RowFactory.create(key, kept)));
            Dataset<Row> droppedKeys = context.spark().createDataFrame(keptFor, DataTypes.createStructType(List.of(
                    DataTypes.createStructField("dropped_key", DataTypes.StringType, false),
                    DataTypes.createStructField("kept_key", DataTypes.StringType, false))));
            tables.writeDropped(candidates.join(droppedKeys, col("key").equalTo(col("dropped_key")))
                    .withColumn("reason", lit(RejectReason.DUPLICATE.code()))
                    .withColumn("detail", concat(lit("a copy of "), col("kept_key")))
                    .select(Stream.of(Schemas.DROPPED.fieldNames()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
                    .orderBy("key"));
            System.out.println("dedup: " + dropped.size() + " samples dropped as " + dedup.code() + " copies of "
                    + new HashSet<>(dropped.values()).size() + " kept ones (" + found.size() + " pairs among "
                    + candidates.count() + " samples of the selected classes)");
            return dropped.size();
        } finally {
            candidates.unpersist();
        }
    }
}
