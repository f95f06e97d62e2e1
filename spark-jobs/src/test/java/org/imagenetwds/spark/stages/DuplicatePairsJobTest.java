package org.imagenetwds.spark.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.imagenetwds.duplicates.DuplicateStats;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuplicatePairsJobTest {

    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "4").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void pairsAreFoundByHashAndBandWrittenOnceWithTheirSplitsAndCounted(@TempDir Path dir) {
        // a: exact copies a1 (validation) a2 a3 (train, a3 of another class), a4 an altered copy (2 bits), near
        // the group through its smallest key alone; b1 ~ b2 (3 bits), b1 ~ b3 (1 bit, across the split),
        // b2 ~ b3 (4 bits); c1 c2 exact, so 0 bits apart too: exact only; d1, d2 unrelated
        List<Row> rows = List.of(
                sample("a1", "validation", "n1", "a", 0x0F0F_0000_0000_0000L),
                sample("a2", "train", "n1", "a", 0x0F0F_0000_0000_0000L),
                sample("a3", "train", "n2", "a", 0x0F0F_0000_0000_0000L),
                sample("a4", "train", "n2", "g", 0x0F0F_0000_0000_0003L),
                sample("b1", "train", "n1", "b", 0x1234_5678_9ABC_DEF0L),
                sample("b2", "train", "n1", "c", 0x1234_5678_9ABC_DEF7L),
                sample("b3", "validation", "n2", "d", 0x1234_5678_1ABC_DEF0L),
                sample("c1", "train", "n2", "e", 0x7777_7777_7777_7777L),
                sample("c2", "train", "n2", "e", 0x7777_7777_7777_7777L),
                sample("d1", "train", "n1", "f", 0x0000_FFFF_0000_FFFFL),
                sample("d2", "validation", "n1", "9", 0xFFFF_0000_FFFF_0000L));
        Dataset<Row> samples = spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("key", DataTypes.StringType, false),
                DataTypes.createStructField("split", DataTypes.StringType, false),
                DataTypes.createStructField("synset", DataTypes.StringType, false),
                DataTypes.createStructField("sha256", DataTypes.StringType, false),
                DataTypes.createStructField("dc_hash", DataTypes.LongType, false),
                DataTypes.createStructField("gradient_hash", DataTypes.LongType, false)))).repartition(3);
        String table = dir.resolve("duplicates.parquet").toString();

        DuplicateStats stats = DuplicatePairsJob.write(spark, DuplicatePairsJob.pairsAmong(samples),
                samples.select("key", "split", "synset"), table);

        List<String> written = spark.read().parquet(table).collectAsList().stream().map(Row::toString).toList();
        assertEquals(List.of(
                "[a1,a2,exact,0,validation,train,n1,n1]",
                "[a1,a3,exact,0,validation,train,n1,n2]",
                "[a1,a4,near,2,validation,train,n1,n2]",
                "[a2,a3,exact,0,train,train,n1,n2]",
                "[b1,b2,near,3,train,train,n1,n1]",
                "[b1,b3,near,1,train,validation,n1,n2]",
                "[b2,b3,near,4,train,validation,n1,n2]",
                "[c1,c2,exact,0,train,train,n2,n2]"), written, "in key order, each pair once");
        assertEquals(new DuplicateStats(4, 4, 3, 5, 2), stats);
    }

    /** A sample whose gradient hash agrees with every other's: the dc hash alone decides. */
    private static Row sample(String key, String split, String synset, String content, long dcHash) {
        return RowFactory.create(key, split, synset, content.repeat(64), dcHash, 0L);
    }
}
