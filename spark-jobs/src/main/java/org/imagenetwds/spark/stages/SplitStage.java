package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.plan.ShardPlanner;
import org.imagenetwds.plan.SplitRules;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkPaths;

import scala.Tuple2;

/**
 * {@code split}: holds out {@code --val-per-class} samples of each class and orders each split
 * globally ({@link SplitRules}), then cuts it into contiguous shards of near-equal size
 * ({@link ShardPlanner}). The global order needs no sampling pass: order hashes are uniform, so
 * each split is cut into equal hash ranges, one partition each, sorted within; one counting pass
 * over those partitions gives every sample its global position.
 */
public final class SplitStage {

    private static final List<String> SPLITS = List.of(PipelineOptions.TRAIN, PipelineOptions.VALIDATION);

    /** A usable member of a selected class, as the inventory has it. */
    record Candidate(String key, String synset, String member, String source, long offset, long length)
            implements java.io.Serializable {
    }

    /** A sample's class and its place in the class's holdout ranking. */
    record ClassRank(String synset, SplitRules.Place place) implements java.io.Serializable {
    }

    /** A sample's split (index into {@link #SPLITS}) and place in it: what the plan is sorted by. */
    record SortKey(int split, SplitRules.Place place) implements java.io.Serializable {
    }

    private SplitStage() {
    }

    public static void run(SparkSession spark, PipelineOptions options) throws IOException {
        Selection selection = SelectStage.read(spark, options);
        int v = options.valPerClass();
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < selection.synsets().size(); i++) {
            if (selection.usableCounts().get(i) <= v) {
                throw new IllegalArgumentException("class " + selection.synsets().get(i) + " has "
                        + selection.usableCounts().get(i) + " usable images: --val-per-class " + v
                        + " would leave none for training");
            }
            labels.put(selection.synsets().get(i), i);
        }
        SplitRules rules = new SplitRules(options.seed(), v);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        int cores = jsc.defaultParallelism();
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, cores) - 1); // at least a range per core
        JavaPairRDD<SortKey, Candidate> ordered = CountStage.inventory(spark, options)
                .filter(col("reason").isNull())
                .select("key", "synset", "member", "source", "offset", "length")
                .javaRDD()
                .filter(r -> labels.containsKey(r.getString(1)))
                .mapToPair(r -> {
                    Candidate c = new Candidate(r.getString(0), r.getString(1), r.getString(2), r.getString(3),
                            r.getLong(4), r.getLong(5));
                    return new Tuple2<>(new ClassRank(c.synset(), rules.holdoutPlace(c.key())), c);
                })
                // each class's samples together, lowest holdout hash first: a sort, not a groupBy (whose
                // per-class buffers Spark's size estimator walks again and again: seconds for 30k rows)
                .repartitionAndSortWithinPartitions(new KeyPartitioner<ClassRank>(cores,
                        k -> Math.floorMod(k.synset().hashCode(), cores)), ClassRanks.ORDER) // a class per partition
                .mapPartitionsToPair(ranked -> place(rules, ranked))
                // split-major, then by hash range: partition order is global order
                .repartitionAndSortWithinPartitions(new KeyPartitioner<SortKey>(SPLITS.size() << bits,
                        k -> (k.split() << bits) + SplitRules.bucket(k.place().order(), bits)), SortKeys.ORDER)
                .persist(StorageLevel.MEMORY_AND_DISK()); // counted, then written: fetched and sorted once
        try {
            writePlan(spark, options, selection, labels, ordered, bits);
        } finally {
            ordered.unpersist(false);
        }
    }

    /** Counts each hash range, which numbers every sample within its split, then writes the plan. */
    private static void writePlan(SparkSession spark, PipelineOptions options, Selection selection,
                                  Map<String, Integer> labels, JavaPairRDD<SortKey, Candidate> ordered, int bits) {
        int v = options.valPerClass();
        List<Long> sizes = ordered.mapPartitions(rows -> {
            long n = 0;
            for (; rows.hasNext(); rows.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long validation = (long) v * selection.synsets().size();
        long train = selection.selectedUsable() - validation;
        long[] firstIndex = firstIndexOfEachPartition(sizes, 1 << bits, List.of(train, validation));
        ShardPlanner[] planners = {new ShardPlanner(train, options.trainShards()),
                new ShardPlanner(validation, options.valShards())};
        int[] firstGlobalShard = {options.globalShard(PipelineOptions.TRAIN, 0),
                options.globalShard(PipelineOptions.VALIDATION, 0)};
        var plan = ordered.mapPartitionsWithIndex((partition, rows) -> new Iterator<Row>() {
            private long index = firstIndex[partition]; // streamed: a partition's rows are never all held

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Tuple2<SortKey, Candidate> t = rows.next();
                int split = t._1().split();
                Candidate c = t._2();
                int shard = planners[split].shardOf(index);
                int position = planners[split].positionInShard(index++);
                return RowFactory.create(c.key(), c.synset(), labels.get(c.synset()), c.member(), c.source(),
                        c.offset(), c.length(), SPLITS.get(split), shard, firstGlobalShard[split] + shard, position);
            }
        }, true);
        spark.createDataFrame(plan, Schemas.PLAN).write().mode(SaveMode.Overwrite)
                .parquet(WorkPaths.of(options).plan().toString());
        System.out.println("split: " + train + " train samples in " + options.trainShards() + " shards, " + validation
                + " validation samples in " + options.valShards() + " shards");
    }

    /**
     * Each sample with its split and its place there, from a partition sorted by class and holdout
     * rank: the first {@code valPerClass} of each class are held out.
     */
    private static Iterator<Tuple2<SortKey, Candidate>> place(SplitRules rules,
                                                              Iterator<Tuple2<ClassRank, Candidate>> ranked) {
        return new Iterator<>() {
            private String synset;
            private int rank;

            @Override
            public boolean hasNext() {
                return ranked.hasNext();
            }

            @Override
            public Tuple2<SortKey, Candidate> next() {
                Tuple2<ClassRank, Candidate> t = ranked.next();
                if (!t._1().synset().equals(synset)) {
                    synset = t._1().synset();
                    rank = 0;
                }
                int split = rules.heldOut(rank++) ? 1 : 0;
                return new Tuple2<>(new SortKey(split, rules.place(SPLITS.get(split), t._2().key())), t._2());
            }
        };
    }

    /**
     * The global index, within its split, of each partition's first sample; checks that the splits
     * hold as many samples as the selection promised (else the inventory changed under the plan).
     */
    static long[] firstIndexOfEachPartition(List<Long> sizes, int partitionsPerSplit, List<Long> expected) {
        long[] first = new long[sizes.size()];
        for (int split = 0; split < expected.size(); split++) {
            long index = 0;
            for (int p = split * partitionsPerSplit; p < (split + 1) * partitionsPerSplit; p++) {
                first[p] = index;
                index += sizes.get(p);
            }
            if (index != expected.get(split)) {
                throw new IllegalStateException("split: " + SPLITS.get(split) + " has " + index + " samples, the selection "
                        + "promised " + expected.get(split) + ": the inventory changed since select; run count again");
            }
        }
        return first;
    }

    /** The holdout ranking's sort order, serializable for the shuffle. */
    private static final class ClassRanks {
        static final java.util.Comparator<ClassRank> ORDER = (java.util.Comparator<ClassRank> & java.io.Serializable)
                (a, b) -> a.synset().equals(b.synset()) ? SplitRules.ORDER.compare(a.place(), b.place())
                        : a.synset().compareTo(b.synset());
    }

    /** The plan's sort order, serializable for the shuffle. */
    private static final class SortKeys {
        static final java.util.Comparator<SortKey> ORDER = (java.util.Comparator<SortKey> & java.io.Serializable)
                (a, b) -> a.split() != b.split() ? Integer.compare(a.split(), b.split())
                        : SplitRules.ORDER.compare(a.place(), b.place());
    }
}
