package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createStructField;
import static org.apache.spark.sql.types.DataTypes.createStructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.labels.ValidationLabels;

/**
 * {@code _meta/labels}: one row per validation image some label set covers, with its original label
 * and the fields its json gained (a set that does not cover the image is null).
 */
public final class LabelsTable {

    public static final String FILENAME = "filename";
    public static final String LABEL = "label";
    public static final String REAL_LABELS = "real_labels";
    public static final String CORRECT = "correct_multi_labels";
    public static final String UNCLEAR = "unclear_multi_labels";
    public static final String WRONG = "wrong_multi_labels";
    public static final String PROBLEMATIC = "is_problematic";
    public static final String IMAGENET_M = "imagenet_m";

    static final StructType SCHEMA = createStructType(List.of(
            createStructField(FILENAME, StringType, false),
            createStructField(LABEL, IntegerType, false),
            createStructField(REAL_LABELS, createArrayType(IntegerType, false), true),
            createStructField(CORRECT, createArrayType(IntegerType, false), true),
            createStructField(UNCLEAR, createArrayType(IntegerType, false), true),
            createStructField(WRONG, createArrayType(IntegerType, false), true),
            createStructField(PROBLEMATIC, BooleanType, true),
            createStructField(IMAGENET_M, BooleanType, true)));

    private LabelsTable() {
    }

    static void write(SparkSession spark, ValidationLabels labels, Ilsvrc2012Devkit devkit, Path table) {
        List<Row> rows = new ArrayList<>();
        for (int number = 1; number <= devkit.validationImages(); number++) {
            String file = Ilsvrc2012Devkit.validationFileName(number);
            Map<String, Object> fields = labels.fieldsOf(file);
            if (!fields.isEmpty()) {
                rows.add(RowFactory.create(file, devkit.validationLabel(number), array(fields.get(REAL_LABELS)),
                        array(fields.get(CORRECT)), array(fields.get(UNCLEAR)), array(fields.get(WRONG)),
                        fields.get(PROBLEMATIC), fields.get(IMAGENET_M)));
            }
        }
        spark.createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite).parquet(table.toString());
    }

    /** Spark takes a Java list as a Row's array value only as a Scala sequence or an array. */
    private static Object array(Object list) {
        return list == null ? null : ((List<?>) list).toArray(new Integer[0]);
    }
}
