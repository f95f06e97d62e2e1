package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.plan.SeededHash;
import org.imagenetwds.plan.ShardPlanner;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkPaths;

/**
 * {@code split}: holds out {@code --val-per-class} samples of each class (the lowest keyed hashes
 * of (seed, key), so the choice depends on neither partitioning nor input order), shuffles each
 * split globally by another keyed hash, and cuts it into contiguous shards of near-equal size.
 */
public final class SplitStage {

    private SplitStage() {
    }

    public static void run(SparkSession spark, PipelineOptions options) throws IOException {
        Selection selection = SelectStage.read(spark, options);
        int v = options.valPerClass();
        for (int i = 0; i < selection.synsets().size(); i++) {
            if (selection.usableCounts().get(i) <= v) {
                throw new IllegalArgumentException("class " + selection.synsets().get(i) + " has "
                        + selection.usableCounts().get(i) + " usable images: --val-per-class " + v
                        + " would leave none for training");
            }
        }
        List<Row> labels = new ArrayList<>();
        for (int i = 0; i < selection.synsets().size(); i++) {
            labels.add(RowFactory.create(selection.synsets().get(i), i));
        }
        Dataset<Row> labelTable = spark.createDataFrame(labels, DataTypes.createStructType(List.of(
                DataTypes.createStructField("synset", DataTypes.StringType, false),
                DataTypes.createStructField("label", DataTypes.IntegerType, false))));
        long seed = options.seed();
        Dataset<Row> ranked = CountStage.inventory(spark, options)
                .filter(col("reason").isNull())
                .join(broadcast(labelTable), "synset")
                .withColumn("holdout", keyedHash(seed, "holdout").apply(col("key")))
                .withColumn("rank", row_number().over(Window.partitionBy("synset").orderBy("holdout", "key")))
                .persist(StorageLevel.MEMORY_AND_DISK()); // both splits are cut from one ranking
        long validation = (long) v * selection.synsets().size();
        long train = selection.selectedUsable() - validation;
        JavaRDD<Row> trainRows = place(ranked.filter(col("rank").gt(v)), PipelineOptions.TRAIN, train, options);
        JavaRDD<Row> validationRows = place(ranked.filter(col("rank").leq(v)), PipelineOptions.VALIDATION, validation,
                options);
        try {
            spark.createDataFrame(trainRows.union(validationRows), Schemas.PLAN)
                    .write().mode(SaveMode.Overwrite).parquet(WorkPaths.of(options).plan().toString());
        } finally {
            ranked.unpersist(false);
        }
        System.out.println("split: " + train + " train samples in " + options.trainShards() + " shards, " + validation
                + " validation samples in " + options.valShards() + " shards");
    }

    /** Shuffles one split by keyed hash and gives every sample its shard and position. */
    private static JavaRDD<Row> place(Dataset<Row> rows, String split, long count, PipelineOptions options) {
        ShardPlanner planner = new ShardPlanner(count, options.shards(split));
        int firstGlobalShard = options.globalShard(split, 0);
        return rows.withColumn("order", keyedHash(options.seed(), "shuffle-" + split).apply(col("key")))
                .orderBy("order", "key")
                .select("key", "synset", "label", "member", "source", "offset", "length")
                .withColumn("split", lit(split))
                .javaRDD()
                .zipWithIndex()
                .map(t -> {
                    Row r = t._1();
                    long index = t._2();
                    int shard = planner.shardOf(index);
                    return RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5), r.get(6),
                            r.get(7), shard, firstGlobalShard + shard, planner.positionInShard(index));
                });
    }

    private static UserDefinedFunction keyedHash(long seed, String purpose) {
        return udf((UDF1<String, Long>) key -> SeededHash.of(seed, purpose, key), DataTypes.LongType)
                .asNonNullable();
    }
}
