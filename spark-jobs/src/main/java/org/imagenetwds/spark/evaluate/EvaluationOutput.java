package org.imagenetwds.spark.evaluate;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.imagenetwds.evaluate.Accuracy;
import org.imagenetwds.evaluate.ClassScores;
import org.imagenetwds.evaluate.EvaluationJson;
import org.imagenetwds.evaluate.EvaluationResult;
import org.imagenetwds.spark.io.Storage;

/** What {@code evaluate --output} writes: {@code evaluation.json} and the per-class scores as Parquet ({@code per_class/}). */
public final class EvaluationOutput {

    public static final String SUMMARY = "evaluation.json";
    public static final String PER_CLASS = "per_class";

    /** One row per class; a metric whose input was not given, or that scored no image, is null. */
    static final StructType PER_CLASS_SCHEMA = createStructType(List.of(
            createStructField("label", IntegerType, false),
            createStructField("class_name", StringType, false),
            createStructField("images", LongType, false),
            createStructField("top1_correct", LongType, false),
            createStructField("top1", DoubleType, true),
            createStructField("real_images", LongType, true),
            createStructField("real_top1_correct", LongType, true),
            createStructField("real_top1", DoubleType, true),
            createStructField("multi_label_images", LongType, true),
            createStructField("multi_label_correct", LongType, true),
            createStructField("multi_label", DoubleType, true)));

    private EvaluationOutput() {
    }

    public static void write(SparkSession spark, EvaluationResult result, List<String> classes, String output,
                             String dataset, String predictions) throws IOException {
        Path out = new Path(output);
        List<Row> rows = result.perClass().stream().map(c -> row(c, classes.get(c.label()))).toList();
        spark.createDataFrame(rows, PER_CLASS_SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(new Path(out, PER_CLASS).toString());
        Storage.writeAtomically(new Path(out, SUMMARY), EvaluationJson.of(result, dataset, predictions),
                spark.sparkContext().hadoopConfiguration());
    }

    private static Row row(ClassScores c, String className) {
        Optional<Accuracy> real = c.realTop1();
        Optional<Accuracy> multi = c.multiLabel();
        return RowFactory.create(c.label(), className, c.top1().total(), c.top1().correct(), value(c.top1()),
                real.map(Accuracy::total).orElse(null), real.map(Accuracy::correct).orElse(null),
                real.map(EvaluationOutput::value).orElse(null), multi.map(Accuracy::total).orElse(null),
                multi.map(Accuracy::correct).orElse(null), multi.map(EvaluationOutput::value).orElse(null));
    }

    /** An accuracy over no image is null, not NaN: a class the split lacks has no score. */
    private static Double value(Accuracy a) {
        return a.total() == 0 ? null : a.value();
    }
}
