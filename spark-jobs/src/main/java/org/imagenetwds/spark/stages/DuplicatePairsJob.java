package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.imagenetwds.card.CardFacts;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.DuplicatePair;
import org.imagenetwds.duplicates.DuplicateStats;
import org.imagenetwds.duplicates.ExactPairs;
import org.imagenetwds.duplicates.NearPairSearch;
import org.imagenetwds.duplicates.SampleFingerprint;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

import scala.Tuple2;

/**
 * The duplicate pairs among a set of samples, distributed; the core decides every pair
 * ({@link ExactPairs}, {@link NearPairSearch}). Exact: samples grouped by their exact-content hash.
 * Near (multi-index hashing) among one sample per exact group, its smallest key: each exploded into one row
 * per (band, band value), grouped by it, each bucket searched on its own, the pairs deduplicated (a pair
 * found in several bands). What is shuffled is keys and hashes, never image bytes.
 */
final class DuplicatePairsJob {

    /** An exact group above this is listed as a star (exact equality is transitive: nothing is lost). */
    static final int MAX_EXACT_GROUP = 64;

    /** The columns of {@code _meta/duplicates.parquet}. */
    static final StructType PAIRS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("key_a", DataTypes.StringType, false),
            DataTypes.createStructField("key_b", DataTypes.StringType, false),
            DataTypes.createStructField("kind", DataTypes.StringType, false),
            DataTypes.createStructField("distance", DataTypes.IntegerType, false),
            DataTypes.createStructField("split_a", DataTypes.StringType, false),
            DataTypes.createStructField("split_b", DataTypes.StringType, false),
            DataTypes.createStructField("synset_a", DataTypes.StringType, false),
            DataTypes.createStructField("synset_b", DataTypes.StringType, false)));

    private DuplicatePairsJob() {
    }

    /**
     * Every pair among {@code samples} (key, sha256, dc_hash, gradient_hash: the inventory's
     * fingerprint columns), exact or near, once. Both searches read {@code samples}: callers persist it.
     */
    static JavaRDD<DuplicatePair> pairsAmong(Dataset<Row> samples) {
        JavaRDD<SampleFingerprint> fingerprints = samples.select("key", "sha256", "dc_hash", "gradient_hash").javaRDD()
                .map(r -> new SampleFingerprint(r.getString(0), new ImageFingerprint(r.getString(1), r.getLong(2), r.getLong(3))));
        JavaRDD<DuplicatePair> exact = exactPairs(fingerprints.map(f -> new Tuple2<>(f.key(), f.fingerprint().sha256())));
        // one row per exact group: its n copies in one bucket would be n²/2 comparisons and pairs, all already exact
        JavaRDD<SampleFingerprint> distinctImages = fingerprints.keyBy(f -> f.fingerprint().sha256())
                .reduceByKey(SampleFingerprint::representative).values();
        // disjoint: a near pair joins two exact-content hashes, an exact pair shares one
        return exact.union(nearPairs(distinctImages, SampleFingerprint.search()));
    }

    /** Pairs of samples with the same exact-content hash; {@code samples}: rows of (key, exact hash). */
    static JavaRDD<DuplicatePair> exactPairs(JavaRDD<Tuple2<String, String>> samples) {
        return samples.mapToPair(s -> new Tuple2<>(s._2(), s._1()))
                .groupByKey()
                .flatMap(group -> ExactPairs.of(iterable(group._2()), MAX_EXACT_GROUP).iterator());
    }

    /** Near pairs by multi-index hashing, each once. */
    static <T> JavaRDD<DuplicatePair> nearPairs(JavaRDD<T> samples, NearPairSearch<T> search) {
        int bands = search.bands().count();
        return samples.flatMapToPair(s -> {
                    List<Tuple2<Tuple2<Integer, Long>, T>> rows = new ArrayList<>(bands);
                    for (int band = 0; band < bands; band++) {
                        rows.add(new Tuple2<>(new Tuple2<>(band, search.bucketOf(s, band)), s));
                    }
                    return rows.iterator();
                })
                .groupByKey()
                .flatMap(bucket -> search.pairsIn(iterable(bucket._2())).iterator())
                .distinct();
    }

    /**
     * Writes the pairs with each sample's split and synset ({@code samples}: key, split, synset) to
     * {@code table}, sorted by key, and returns the build's figures.
     */
    static DuplicateStats write(SparkSession spark, JavaRDD<DuplicatePair> pairs, Dataset<Row> samples, String table) {
        Dataset<Row> keyed = spark.createDataFrame(pairs.map(p -> RowFactory.create(p.keyA(), p.keyB(), p.kind().code(),
                p.distance())), DataTypes.createStructType(java.util.Arrays.copyOf(PAIRS.fields(), 4)));
        Dataset<Row> a = samples.select(col("key").as("key_a"), col("split").as("split_a"), col("synset").as("synset_a"));
        Dataset<Row> b = samples.select(col("key").as("key_b"), col("split").as("split_b"), col("synset").as("synset_b"));
        Dataset<Row> rows = keyed.join(a, "key_a").join(b, "key_b")
                .select(java.util.Arrays.stream(PAIRS.fieldNames()).map(org.apache.spark.sql.functions::col)
                        .toArray(org.apache.spark.sql.Column[]::new))
                // one sorted file: sorted within the one partition, no range sampling job for a global sort
                .repartition(1)
                .sortWithinPartitions("key_a", "key_b")
                .cache();
        try {
            rows.write().mode(SaveMode.Overwrite).parquet(table);
            return stats(rows);
        } finally {
            rows.unpersist();
        }
    }

    /** The build's figures in one Spark job, not one per figure: a job's fixed cost is most of a small build's. */
    private static DuplicateStats stats(Dataset<Row> rows) {
        // two splits: a pair across them is a validation sample and a train sample
        Column leakedKey = when(col("split_a").notEqual(col("split_b")),
                when(col("split_a").equalTo(ShardLayout.VALIDATION), col("key_a")).otherwise(col("key_b")));
        Row r = rows.agg(count(lit(1)), sum(when(col("kind").equalTo(DuplicateKind.EXACT.code()), 1).otherwise(0)),
                sum(when(col("synset_a").equalTo(col("synset_b")), 1).otherwise(0)), countDistinct(leakedKey)).first();
        long all = r.getLong(0);
        long exact = r.isNullAt(1) ? 0 : r.getLong(1); // a sum over no rows is null
        long within = r.isNullAt(2) ? 0 : r.getLong(2);
        return new DuplicateStats(exact, all - exact, within, all - within, r.getLong(3));
    }

    /**
     * The first {@code n} pairs of the table with their two images read from the shards by the manifest's
     * offsets, for the card's picture: at most {@code 2n} images reach the driver.
     */
    static List<CardFacts.SheetSample> firstPairImages(SparkSession spark, String table, Dataset<Row> manifest,
                                                       WorkPaths paths, Configuration conf, int n) throws IOException {
        List<Row> first = spark.read().parquet(table).orderBy("key_a", "key_b").limit(n).collectAsList();
        if (first.isEmpty()) {
            return List.of();
        }
        Set<String> keys = new HashSet<>();
        first.forEach(r -> {
            keys.add(r.getString(0));
            keys.add(r.getString(1));
        });
        Map<String, Row> where = new HashMap<>();
        manifest.filter(col("key").isin(keys.toArray())).select("key", "synset", "shard", "jpg_offset", "jpg_length")
                .collectAsList().forEach(r -> where.put(r.getString(0), r));
        List<CardFacts.SheetSample> images = new ArrayList<>();
        for (Row pair : first) {
            for (String key : List.of(pair.getString(0), pair.getString(1))) {
                Row w = where.get(key);
                byte[] image = new byte[Math.toIntExact(w.getLong(4))];
                try (FSDataInputStream in = Storage.fs(paths.shard(w.getString(2)), conf).open(paths.shard(w.getString(2)))) {
                    in.readFully(w.getLong(3), image);
                }
                images.add(new CardFacts.SheetSample(key, w.getString(1), image));
            }
        }
        return images;
    }

    private static <T> List<T> iterable(Iterable<T> values) {
        List<T> list = new ArrayList<>();
        values.forEach(list::add);
        return list;
    }
}
