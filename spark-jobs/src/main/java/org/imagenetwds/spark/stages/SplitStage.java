package org.imagenetwds.spark.stages;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.ilsvrc.Ilsvrc2012Subsets;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.plan.ShardPlanner;
import org.imagenetwds.plan.SplitRules;
import org.imagenetwds.plan.TrainSubsetRule;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.TrainSubset;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.Storage;

import scala.Tuple2;

/**
 * {@code split}: forms the splits as the recipe says — held out per class ({@link SplitRules}), or
 * a given validation set kept whole in file-name order; a train subset applied
 * ({@link TrainSubsetRule}) — orders each split globally and cuts it into contiguous shards of
 * near-equal size ({@link ShardPlanner}). The global order needs no sampling pass: order hashes are
 * uniform, so each split is cut into equal hash ranges, one partition each, sorted within; one
 * counting pass over those partitions gives every sample its global position.
 */
public final class SplitStage implements Stage {

    private static final List<String> SPLITS = ShardLayout.SPLITS;
    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int DROPPED = -1;

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

    @Override
    public String name() {
        return "split";
    }

    @Override
    public String description() {
        return "Form the splits (hold out or given validation, train subset), shuffle, assign shards.";
    }

    @Override
    public String items() {
        return "samples";
    }

    @Override
    public void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException {
        Recipe r = context.options().recipe();
        parts.with("--seed", r.seed()).with("validation", r.validation()).with("shards", r.shards())
                .with("subset", r.subset()).with("train shards scale with the subset", r.scaleTrainShards());
        if (r.subset() instanceof TrainSubset.Listed l) {
            parts.with("subset list sha256", Sha256.of(listBytes(l, context)));
        }
    }

    @Override
    public long run(Context context, String fingerprint) throws IOException {
        Recipe recipe = context.options().recipe();
        WorkTables tables = context.tables();
        Selection selection = tables.selection();
        int v = recipe.valPerClass();
        Map<String, Integer> labels = new HashMap<>();
        Map<String, Long> trainUsable = new LinkedHashMap<>();
        for (int i = 0; i < selection.synsets().size(); i++) {
            long usable = selection.usableCounts().get(i);
            if (usable <= v) {
                throw new IllegalArgumentException("class " + selection.synsets().get(i) + " has " + usable
                        + " usable images: --val-per-class " + v + " would leave none for training");
            }
            labels.put(selection.synsets().get(i), i);
            trainUsable.put(selection.synsets().get(i), usable - v);
        }
        long wholeTrain = trainUsable.values().stream().mapToLong(Long::longValue).sum();
        long givenValidation = tables.counts().stream().filter(c -> labels.containsKey(c.synset()))
                .mapToLong(WorkTables.SynsetCount::givenValidation).sum();
        TrainSubsetRule subset = subsetRule(recipe, trainUsable, context);
        SplitRules rules = new SplitRules(recipe.seed(), v);
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context.spark().sparkContext());
        int cores = jsc.defaultParallelism();
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, cores) - 1); // at least a range per core
        JavaRDD<Row> usable = tables.inventory().filter(col("reason").isNull())
                .select("key", "synset", "member", "source", "offset", "length", "split")
                .javaRDD()
                .filter(r -> labels.containsKey(r.getString(1)));
        JavaPairRDD<SortKey, Candidate> given = usable.filter(r -> !r.isNullAt(6))
                .mapToPair(r -> new Tuple2<>(new SortKey(VALIDATION, SplitRules.inNameOrder(r.getString(0))), candidate(r)));
        JavaPairRDD<SortKey, Candidate> placed = usable.filter(r -> r.isNullAt(6))
                .mapToPair(r -> {
                    Candidate c = candidate(r);
                    return new Tuple2<>(new ClassRank(c.synset(), rules.holdoutPlace(c.key())), c);
                })
                // each class's samples together, lowest holdout hash first: a sort, not a groupBy (whose
                // per-class buffers Spark's size estimator walks again and again: seconds for 30k rows)
                .repartitionAndSortWithinPartitions(new KeyPartitioner<ClassRank>(cores,
                        k -> Math.floorMod(k.synset().hashCode(), cores)), ClassRanks.ORDER) // a class per partition
                .mapPartitionsToPair(ranked -> place(rules, subset, ranked));
        JavaPairRDD<SortKey, Candidate> ordered = placed.union(given)
                // split-major, then by hash range: partition order is global order
                .repartitionAndSortWithinPartitions(new KeyPartitioner<SortKey>(SPLITS.size() << bits,
                        k -> (k.split() << bits) + SplitRules.bucket(k.place().order(), bits)), SortKeys.ORDER)
                .persist(StorageLevel.MEMORY_AND_DISK()); // counted, then written: fetched and sorted once
        try {
            long expectedTrain = subset.expectedTrain(wholeTrain);
            long expectedValidation = (long) v * selection.synsets().size() + givenValidation;
            return writePlan(context, recipe, labels, ordered, bits, expectedTrain, expectedValidation, wholeTrain);
        } finally {
            ordered.unpersist(false);
        }
    }

    private static Candidate candidate(Row r) {
        return new Candidate(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5));
    }

    private static TrainSubsetRule subsetRule(Recipe recipe, Map<String, Long> trainUsable, Context context)
            throws IOException {
        if (recipe.subset() instanceof TrainSubset.Fraction f) {
            return TrainSubsetRule.fraction(f.fraction(), recipe.seed(), trainUsable);
        }
        if (recipe.subset() instanceof TrainSubset.Listed l) {
            List<String> files = Ilsvrc2012Subsets.parse(listBytes(l, context), l.source());
            checkListedFilesExist(files, l, context);
            return TrainSubsetRule.listed(new HashSet<>(files));
        }
        return TrainSubsetRule.whole();
    }

    /** The list's bytes: a list shipped with the tool by its name, or a file by its URI. */
    private static byte[] listBytes(TrainSubset.Listed list, Context context) throws IOException {
        Ilsvrc2012Subsets.Shipped shipped = Ilsvrc2012Subsets.Shipped.of(list.source());
        return shipped != null ? shipped.bytes()
                : Storage.read(new org.apache.hadoop.fs.Path(list.source()), context.tables().conf());
    }

    /** Every listed file must be a member of the train input (usable or not): else the list is for another release. */
    private static void checkListedFilesExist(List<String> files, TrainSubset.Listed list, Context context) {
        Set<String> wanted = new HashSet<>(files);
        Set<String> found = new HashSet<>(context.tables().inventory().filter(col("split").isNull())
                .select("member").javaRDD()
                .map(r -> SampleKeys.baseName(r.getString(0)))
                .filter(wanted::contains)
                .collect());
        List<String> missing = files.stream().filter(f -> !found.contains(f)).toList();
        if (!missing.isEmpty()) {
            throw new PipelineFailure("subset list " + list.source() + " names " + missing.size()
                    + " files the train input does not hold, e.g. " + String.join(", ", missing.subList(0, Math.min(3, missing.size()))));
        }
    }

    /** Counts each hash range, which numbers every sample within its split, then writes the plan. */
    private static long writePlan(Context context, Recipe recipe, Map<String, Integer> labels,
                                  JavaPairRDD<SortKey, Candidate> ordered, int bits, long expectedTrain,
                                  long expectedValidation, long wholeTrain) throws IOException {
        List<Long> sizes = ordered.mapPartitions(rows -> {
            long n = 0;
            for (; rows.hasNext(); rows.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        long[] totals = splitTotals(sizes, 1 << bits);
        check(SPLITS.get(TRAIN), totals[TRAIN], expectedTrain);
        check(SPLITS.get(VALIDATION), totals[VALIDATION], expectedValidation);
        long[] firstIndex = firstIndexOfEachPartition(sizes, 1 << bits);
        ShardLayout layout = recipe.scaleTrainShards() && !(recipe.subset() instanceof TrainSubset.Whole)
                ? recipe.shards().scaledTrain(totals[TRAIN], wholeTrain) : recipe.shards();
        ShardPlanner[] planners = {new ShardPlanner(totals[TRAIN], layout.trainShards()),
                new ShardPlanner(totals[VALIDATION], layout.validationShards())};
        int[] firstGlobalShard = {layout.globalShard(ShardLayout.TRAIN, 0), layout.globalShard(ShardLayout.VALIDATION, 0)};
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
        context.tables().writePlan(plan, new WorkTables.PlanSummary(layout, totals[TRAIN], totals[VALIDATION]));
        System.out.println("split: " + totals[TRAIN] + " train samples in " + layout.trainShards() + " shards, "
                + totals[VALIDATION] + " validation samples in " + layout.validationShards() + " shards");
        return totals[TRAIN] + totals[VALIDATION];
    }

    /** A split must hold what the counts promised (else the inventory changed under the plan); -1: no promise. */
    static void check(String split, long actual, long expected) {
        if (expected >= 0 && actual != expected) {
            throw new IllegalStateException("split: " + split + " has " + actual + " samples, the selection "
                    + "promised " + expected + ": the inventory changed since select; run count again");
        }
    }

    /**
     * Each sample of a partition sorted by class and holdout rank, with its split and place there:
     * the first {@code valPerClass} of each class are held out, the rest are train if the subset
     * keeps them; samples it does not keep are left out.
     */
    private static Iterator<Tuple2<SortKey, Candidate>> place(SplitRules rules, TrainSubsetRule subset,
                                                              Iterator<Tuple2<ClassRank, Candidate>> ranked) {
        return new Iterator<>() {
            private String synset;
            private int rank;
            private Tuple2<SortKey, Candidate> next;

            @Override
            public boolean hasNext() {
                while (next == null && ranked.hasNext()) {
                    Tuple2<ClassRank, Candidate> t = ranked.next();
                    if (!t._1().synset().equals(synset)) {
                        synset = t._1().synset();
                        rank = 0;
                    }
                    int r = rank++;
                    int split = rules.heldOut(r) ? VALIDATION
                            : subset.keeps(synset, r - rules.valPerClass(), t._2().member()) ? TRAIN : DROPPED;
                    if (split != DROPPED) {
                        next = new Tuple2<>(new SortKey(split, rules.place(SPLITS.get(split), t._2().key())), t._2());
                    }
                }
                return next != null;
            }

            @Override
            public Tuple2<SortKey, Candidate> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Tuple2<SortKey, Candidate> t = next;
                next = null;
                return t;
            }
        };
    }

    /** Samples per split, from the sizes of the hash-range partitions ({@code partitionsPerSplit} per split). */
    static long[] splitTotals(List<Long> sizes, int partitionsPerSplit) {
        long[] totals = new long[SPLITS.size()];
        for (int p = 0; p < sizes.size(); p++) {
            totals[p / partitionsPerSplit] += sizes.get(p);
        }
        return totals;
    }

    /** The global index, within its split, of each partition's first sample. */
    static long[] firstIndexOfEachPartition(List<Long> sizes, int partitionsPerSplit) {
        long[] first = new long[sizes.size()];
        long index = 0;
        for (int p = 0; p < sizes.size(); p++) {
            if (p % partitionsPerSplit == 0) {
                index = 0;
            }
            first[p] = index;
            index += sizes.get(p);
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
