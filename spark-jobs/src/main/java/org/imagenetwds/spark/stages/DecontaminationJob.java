package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;

import java.util.List;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.duplicates.EvaluationIndex;
import org.imagenetwds.image.ImageFingerprint;

/**
 * Which samples are near an evaluation image: the {@link EvaluationIndex} broadcast, every sample looked up in
 * it where it lies (its bands' buckets, then the near check), no shuffle. One row per matched sample with its
 * nearest evaluation image ({@link EvaluationIndex#nearest}: ties by set, then name), as {@link Schemas#DECONTAMINATED}.
 */
final class DecontaminationJob {

    private DecontaminationJob() {
    }

    /** @param samples key, sha256, dc_hash, gradient_hash: the inventory's fingerprint columns */
    static Dataset<Row> matches(SparkSession spark, Dataset<Row> samples, EvaluationIndex index) {
        Broadcast<EvaluationIndex> broadcast = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(index);
        JavaRDD<Row> rows = samples.select(col("key"), col("sha256"), col("dc_hash"), col("gradient_hash")).javaRDD()
                .flatMap(r -> {
                    EvaluationIndex.Match m = broadcast.value().nearest(
                            new ImageFingerprint(r.getString(1), r.getLong(2), r.getLong(3)));
                    return (m == null ? List.<Row>of() : List.of(RowFactory.create(r.getString(0), m.set(), m.name(),
                            m.distance()))).iterator();
                });
        return spark.createDataFrame(rows, Schemas.DECONTAMINATED);
    }
}
