package org.imagenetwds.spark.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.imagenetwds.duplicates.DuplicateStats;
import org.imagenetwds.duplicates.Fingerprints;
import org.imagenetwds.duplicates.HashBands;
import org.imagenetwds.duplicates.NearPairSearch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import scala.Tuple2;

class DuplicatePairsJobTest {

    record Img(String key, long hash) implements java.io.Serializable {
    }

    /** Hashes only: every candidate within the threshold is confirmed. */
    static final class HashOnly implements Fingerprints<Img> {
        @Override
        public String key(Img item) {
            return item.key();
        }

        @Override
        public long perceptualHash(Img item) {
            return item.hash();
        }

        @Override
        public boolean confirms(Img a, Img b) {
            return true;
        }
    }

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
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        // a: exact copies a1 (validation) a2 a3 (train, a3 of another class); b1 ~ b2 near (3 bits), b1 ~ b3 near
        // (across the split); c1 is also exact with c2 and 0 bits apart: exact wins; d1, d2 unrelated
        List<Object[]> samples = List.of(
                new Object[] {"a1", "validation", "n1", "x", 0x0F0F_0000_0000_0000L},
                new Object[] {"a2", "train", "n1", "x", 0x0F0F_0000_0000_0000L},
                new Object[] {"a3", "train", "n2", "x", 0x0F0F_0000_0000_0000L},
                new Object[] {"b1", "train", "n1", "y1", 0x1234_5678_9ABC_DEF0L},
                new Object[] {"b2", "train", "n1", "y2", 0x1234_5678_9ABC_DEF7L},
                new Object[] {"b3", "validation", "n2", "y3", 0x1234_5678_1ABC_DEF0L},
                new Object[] {"c1", "train", "n2", "z", 0x7777_7777_7777_7777L},
                new Object[] {"c2", "train", "n2", "z", 0x7777_7777_7777_7777L},
                new Object[] {"d1", "train", "n1", "u", 0x0000_FFFF_0000_FFFFL},
                new Object[] {"d2", "validation", "n1", "v", 0xFFFF_0000_FFFF_0000L});
        var exact = DuplicatePairsJob.exactPairs(jsc.parallelize(samples, 3).map(s -> new Tuple2<>((String) s[0], (String) s[3])));
        var near = DuplicatePairsJob.nearPairs(jsc.parallelize(samples, 3).map(s -> new Img((String) s[0], (Long) s[4])),
                new NearPairSearch<>(3, HashBands.forThreshold(3), 16, new HashOnly()));
        Dataset<Row> attributes = spark.createDataFrame(samples.stream().map(s -> RowFactory.create(s[0], s[1], s[2])).toList(),
                DataTypes.createStructType(List.of(DataTypes.createStructField("key", DataTypes.StringType, false),
                        DataTypes.createStructField("split", DataTypes.StringType, false),
                        DataTypes.createStructField("synset", DataTypes.StringType, false))));
        String table = dir.resolve("duplicates.parquet").toString();

        DuplicateStats stats = DuplicatePairsJob.write(spark, DuplicatePairsJob.union(exact, near), attributes, table);

        List<String> rows = spark.read().parquet(table).collectAsList().stream().map(Row::toString).toList();
        assertEquals(List.of(
                "[a1,a2,exact,0,validation,train,n1,n1]",
                "[a1,a3,exact,0,validation,train,n1,n2]",
                "[a2,a3,exact,0,train,train,n1,n2]",
                "[b1,b2,near,3,train,train,n1,n1]",
                "[b1,b3,near,1,train,validation,n1,n2]",
                "[c1,c2,exact,0,train,train,n2,n2]"), rows, "in key order, each pair once");
        assertEquals(new DuplicateStats(4, 2, 3, 3, 2), stats);
    }
}
