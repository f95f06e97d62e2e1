package org.imagenetwds.spark.evaluate;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.evaluate.PredictionColumns;
import org.imagenetwds.evaluate.PredictionRow;
import org.imagenetwds.evaluate.PredictionTable;
import org.imagenetwds.evaluate.PredictionsCsv;
import org.imagenetwds.evaluate.PredictionsJsonLines;
import org.imagenetwds.spark.io.Storage;

/** A predictions file on any Hadoop file system, read by the format its name ends with. */
public final class PredictionsInput {

    /** What the name must end with, as a usage error says it. */
    public static final String FORMATS = ".csv, .jsonl (or .json, .ndjson) or .parquet";

    private PredictionsInput() {
    }

    /** Whether the name says which format the file is in. */
    public static boolean isKnownFormat(String uri) {
        String name = uri.toLowerCase(Locale.ROOT);
        return name.endsWith(".csv") || isJsonLines(name) || name.endsWith(".parquet");
    }

    public static PredictionTable read(SparkSession spark, String uri) throws IOException {
        String name = uri.toLowerCase(Locale.ROOT);
        if (name.endsWith(".parquet")) {
            return parquet(spark, uri);
        }
        try (InputStream in = Storage.open(new Path(uri), spark.sparkContext().hadoopConfiguration())) {
            return isJsonLines(name) ? PredictionsJsonLines.read(in, uri) : PredictionsCsv.read(in, uri);
        }
    }

    private static boolean isJsonLines(String name) {
        return name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson");
    }

    /** A Parquet file or folder (pandas, pyarrow, Spark): the same columns, {@code top5} a list of integers. */
    private static PredictionTable parquet(SparkSession spark, String uri) {
        Dataset<Row> table = spark.read().parquet(uri);
        List<String> columns = Arrays.asList(table.columns());
        String nameColumn = PredictionColumns.nameColumn(columns, uri);
        String labelColumn = PredictionColumns.labelColumn(columns, uri);
        List<PredictionRow> rows = new ArrayList<>();
        int number = 0;
        for (Row row : table.select(nameColumn, labelColumn).collectAsList()) {
            number++;
            String where = uri + " row " + number;
            if (row.isNullAt(0) || row.isNullAt(1)) {
                throw new IllegalArgumentException(where + " has no " + (row.isNullAt(0) ? nameColumn : labelColumn));
            }
            rows.add(new PredictionRow(row.getString(0), PredictionColumns.checked(labelColumn, labels(row, labelColumn, where),
                    where)));
        }
        return new PredictionTable(PredictionColumns.KEY.equals(nameColumn), rows);
    }

    private static List<Integer> labels(Row row, String column, String where) {
        List<Object> values = PredictionColumns.TOP5.equals(column) ? row.getList(1) : List.of(row.get(1));
        List<Integer> labels = new ArrayList<>();
        for (Object v : values) {
            if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
                throw new IllegalArgumentException(where + ": " + column + " holds " + v + ", not a label");
            }
            labels.add(Math.toIntExact(((Number) v).longValue()));
        }
        return labels;
    }
}
