package org.imagenetwds.spark.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads the pipeline's own small Parquet tables on the driver, without a Spark query: row counts
 * from the file footers, and rows of tables bounded by design (the rejected members). A Spark SQL
 * query costs a second or more of planning and code generation in a fresh JVM; these cost
 * milliseconds.
 */
public final class ParquetTables {

    private ParquetTables() {
    }

    /** Rows in the table under {@code dir}, summed from the footers of its data files. */
    public static long rowCount(Path dir, Configuration conf) throws IOException {
        long rows = 0;
        for (FileStatus f : dataFiles(dir, conf)) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(f, conf))) {
                rows += reader.getRecordCount();
            }
        }
        return rows;
    }

    /** Every row of the table under {@code dir}, file by file. */
    public static void forEachRow(Path dir, Configuration conf, Consumer<Group> action) throws IOException {
        for (FileStatus f : dataFiles(dir, conf)) {
            try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), f.getPath())
                    .withConf(conf).build()) {
                for (Group row = reader.read(); row != null; row = reader.read()) {
                    action.accept(row);
                }
            }
        }
    }

    /** The data files of a table Spark wrote: not {@code _SUCCESS}, not hidden, not checksums. */
    private static List<FileStatus> dataFiles(Path dir, Configuration conf) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus f : Storage.fs(dir, conf).listStatus(dir)) {
            String name = f.getPath().getName();
            if (f.isFile() && name.endsWith(".parquet") && !name.startsWith("_") && !name.startsWith(".")) {
                files.add(f);
            }
        }
        return files;
    }
}
