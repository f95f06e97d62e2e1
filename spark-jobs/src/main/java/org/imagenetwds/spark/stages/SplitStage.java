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
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.ilsvrc.Ilsvrc2012Subsets;
import org.imagenetwds.plan.EvenInterleave;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.plan.ShardPlanner;
import org.imagenetwds.plan.SplitRules;
import org.imagenetwds.plan.TrainSubsetRule;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.OutputFormat;
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
    // the parts of the plan, in its sort order: train (of the class view, when there is one), validation,
    // then the train samples outside the view, spread through the same train shards
    private static final int TRAIN = 0;
    private static final int VALIDATION = 1;
    private static final int TRAIN_OUTSIDE_VIEW = 2;
    private static final int DROPPED = -1;

    /** A usable member of a selected class, as the inventory has it. */
    record Candidate(String key, String synset, String member, String source, long offset, long length, String repair)
            implements java.io.Serializable {
    }

    /** A sample's class and its place in the class's holdout ranking. */
    record ClassRank(String synset, SplitRules.Place place) implements java.io.Serializable {
    }

    /** A sample's part of the plan ({@link #TRAIN}, ...) and place in it: what the plan is sorted by. */
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
        if (r.view() != null) {
            parts.with("view", r.view());
        }
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
        // a class view's label of each of its classes; validation is held out of these classes only
        Map<String, Integer> viewLabels = recipe.view() == null ? null : labelsOf(tables.viewSelection());
        Map<String, Long> trainUsable = new LinkedHashMap<>();
        Map<String, Long> dropped = tables.droppedBySynset(); // dedup's: the split draws from the kept samples only
        for (int i = 0; i < selection.synsets().size(); i++) {
            String synset = selection.synsets().get(i);
            long usable = selection.usableCounts().get(i) - dropped.getOrDefault(synset, 0L);
            int held = heldOut(synset, v, viewLabels);
            if (held > 0 && usable <= held) {
                throw new IllegalArgumentException("class " + synset + " has " + usable
                        + " usable images: --val-per-class " + v + " would leave none for training");
            }
            labels.put(synset, i);
            trainUsable.put(synset, usable - held);
        }
        long heldOutClasses = viewLabels != null ? viewLabels.size() : selection.synsets().size();
        long wholeTrain = trainUsable.values().stream().mapToLong(Long::longValue).sum();
        long givenValidation = tables.counts().stream().filter(c -> labels.containsKey(c.synset()))
                .mapToLong(WorkTables.SynsetCount::givenValidation).sum();
        TrainSubsetRule subset = subsetRule(recipe, trainUsable, viewLabels, context);
        SplitRules rules = new SplitRules(recipe.seed(), v, recipe.holdoutOrder());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(context.spark().sparkContext());
        int cores = jsc.defaultParallelism();
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, cores) - 1); // at least a range per core
        int parts = viewLabels == null ? SPLITS.size() : SPLITS.size() + 1;
        Dataset<Row> droppedKeys = tables.dropped().select(col("key").as("dropped_key"));
        JavaRDD<Row> usable = tables.inventory().filter(col("reason").isNull())
                .join(droppedKeys, col("key").equalTo(col("dropped_key")), "left_anti")
                .select("key", "synset", "member", "source", "offset", "length", "split", "repair")
                .javaRDD()
                .filter(r -> labels.containsKey(r.getString(1)));
        JavaPairRDD<SortKey, Candidate> given = usable.filter(r -> !r.isNullAt(6))
                .mapToPair(r -> new Tuple2<>(new SortKey(VALIDATION, SplitRules.inNameOrder(r.getString(0))), candidate(r)));
        JavaPairRDD<SortKey, Candidate> placed = usable.filter(r -> r.isNullAt(6))
                .mapToPair(r -> {
                    Candidate c = candidate(r);
                    return new Tuple2<>(new ClassRank(c.synset(), rules.holdoutPlace(c.key(), c.member())), c);
                })
                // each class's samples together, lowest holdout hash first: a sort, not a groupBy (whose
                // per-class buffers Spark's size estimator walks again and again: seconds for 30k rows)
                .repartitionAndSortWithinPartitions(new KeyPartitioner<ClassRank>(cores,
                        k -> Math.floorMod(k.synset().hashCode(), cores)), ClassRanks.ORDER) // a class per partition
                .mapPartitionsToPair(ranked -> place(rules, subset, viewLabels, ranked));
        JavaPairRDD<SortKey, Candidate> ordered = placed.union(given)
                // part-major, then by hash range: partition order is global order
                .repartitionAndSortWithinPartitions(new KeyPartitioner<SortKey>(parts << bits,
                        k -> (k.split() << bits) + SplitRules.bucket(k.place().order(), bits)), SortKeys.ORDER)
                .persist(StorageLevel.MEMORY_AND_DISK()); // counted, then written: fetched and sorted once
        try {
            long expectedTrain = subset.expectedTrain(wholeTrain);
            long expectedValidation = v * heldOutClasses + givenValidation;
            return writePlan(context, recipe, labels, viewLabels, ordered, bits, parts, expectedTrain,
                    expectedValidation, wholeTrain);
        } finally {
            ordered.unpersist(false);
        }
    }

    private static Map<String, Integer> labelsOf(Selection selection) {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < selection.synsets().size(); i++) {
            labels.put(selection.synsets().get(i), i);
        }
        return labels;
    }

    /** How many of a class's samples validation holds out: {@code valPerClass}, unless a view leaves the class out. */
    private static int heldOut(String synset, int valPerClass, Map<String, Integer> viewLabels) {
        return viewLabels == null || viewLabels.containsKey(synset) ? valPerClass : 0;
    }

    private static Candidate candidate(Row r) {
        return new Candidate(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getLong(4), r.getLong(5),
                r.getString(7));
    }

    /** With a view, a share is taken of the view's classes and of the others apart (the view stays its own subset build). */
    private static TrainSubsetRule subsetRule(Recipe recipe, Map<String, Long> trainUsable,
                                              Map<String, Integer> viewLabels, Context context) throws IOException {
        if (recipe.subset() instanceof TrainSubset.Fraction f) {
            Map<String, Long> inView = new LinkedHashMap<>();
            Map<String, Long> outside = new LinkedHashMap<>();
            trainUsable.forEach((synset, n) -> (viewLabels == null || viewLabels.containsKey(synset) ? inView : outside)
                    .put(synset, n));
            return TrainSubsetRule.fraction(f.fraction(), recipe.seed(), List.of(inView, outside));
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
                    + " files the train input does not hold (" + FirstNames.of(missing, 3) + ")");
        }
    }

    /**
     * Counts each hash range, which numbers every sample within its part of the plan, then writes the
     * plan. With a class view, train shard k holds the k-th run of the view's train samples and the
     * k-th run of the others, interleaved ({@link EvenInterleave}): the view's samples keep the order
     * the view's own dataset gives them and fill its shards evenly.
     */
    private static long writePlan(Context context, Recipe recipe, Map<String, Integer> labels,
                                  Map<String, Integer> viewLabels, JavaPairRDD<SortKey, Candidate> ordered, int bits,
                                  int parts, long expectedTrain, long expectedValidation, long wholeTrain)
            throws IOException {
        List<Long> sizes = ordered.mapPartitions(rows -> {
            long n = 0;
            for (; rows.hasNext(); rows.next()) {
                n++;
            }
            return List.of(n).iterator();
        }).collect();
        // without a view no sample is outside it: that part is empty
        long[] totals = java.util.Arrays.copyOf(partTotals(sizes, 1 << bits, parts), TRAIN_OUTSIDE_VIEW + 1);
        long train = totals[TRAIN] + totals[TRAIN_OUTSIDE_VIEW];
        check(SPLITS.get(TRAIN), train, expectedTrain);
        check(SPLITS.get(VALIDATION), totals[VALIDATION], expectedValidation);
        long[] firstIndex = firstIndexOfEachPartition(sizes, 1 << bits);
        ShardLayout layout = recipe.scaleTrainShards() && !(recipe.subset() instanceof TrainSubset.Whole)
                ? recipe.shards().scaledTrain(train, wholeTrain) : recipe.shards();
        ShardPlanner inside = new ShardPlanner(totals[TRAIN], layout.trainShards());
        ShardPlanner outside = new ShardPlanner(totals[TRAIN_OUTSIDE_VIEW], layout.trainShards());
        ShardPlanner[] planners = {inside, layout.validationShards() == 0 ? null // a train-only dataset
                : new ShardPlanner(totals[VALIDATION], layout.validationShards()), outside}; // indexed by part
        var plan = ordered.mapPartitionsWithIndex((partition, rows) -> new Iterator<Row>() {
            private long index = firstIndex[partition]; // streamed: a partition's rows are never all held

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                Tuple2<SortKey, Candidate> t = rows.next();
                int part = t._1().split();
                Candidate c = t._2();
                int shard = planners[part].shardOf(index);
                int inRun = planners[part].positionInShard(index++);
                int position = part == VALIDATION ? inRun
                        : part == TRAIN ? EvenInterleave.positionOfFirst(inRun, (int) inside.size(shard), (int) outside.size(shard))
                        : EvenInterleave.positionOfSecond(inRun, (int) inside.size(shard), (int) outside.size(shard));
                String split = part == VALIDATION ? ShardLayout.VALIDATION : ShardLayout.TRAIN;
                int viewLabel = viewLabels == null ? ClassView.OUTSIDE : viewLabels.getOrDefault(c.synset(), ClassView.OUTSIDE);
                return RowFactory.create(c.key(), c.synset(), labels.get(c.synset()), c.member(), c.source(),
                        c.offset(), c.length(), split, shard, layout.globalShard(split, shard), position, viewLabel,
                        c.repair());
            }
        }, true);
        context.tables().writePlan(plan, new WorkTables.PlanSummary(layout, train, totals[VALIDATION]));
        System.out.println("split: " + train + " train samples "
                + recipe.format().placeOf(List.of(ShardLayout.TRAIN), layout.trainShards())
                + (viewLabels == null ? "" : " (" + totals[TRAIN] + " of them in the " + recipe.view().name() + " view)")
                + ", " + totals[VALIDATION] + " validation samples "
                + recipe.format().placeOf(List.of(ShardLayout.VALIDATION), layout.validationShards()));
        String emptyShards = layout.emptyShardsHint(train, totals[VALIDATION]);
        if (emptyShards != null && recipe.format() == OutputFormat.WEBDATASET) {
            System.out.println("split: " + emptyShards);
        }
        return train + totals[VALIDATION];
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
                                                              Map<String, Integer> viewLabels,
                                                              Iterator<Tuple2<ClassRank, Candidate>> ranked) {
        return new Iterator<>() {
            private String synset;
            private int held;
            private int trainPart;
            private int rank;
            private Tuple2<SortKey, Candidate> next;

            @Override
            public boolean hasNext() {
                while (next == null && ranked.hasNext()) {
                    Tuple2<ClassRank, Candidate> t = ranked.next();
                    if (!t._1().synset().equals(synset)) {
                        synset = t._1().synset();
                        held = heldOut(synset, rules.valPerClass(), viewLabels);
                        trainPart = viewLabels == null || viewLabels.containsKey(synset) ? TRAIN : TRAIN_OUTSIDE_VIEW;
                        rank = 0;
                    }
                    int r = rank++;
                    int part = held > 0 && rules.heldOut(r) ? VALIDATION
                            : subset.keeps(synset, r - held, t._2().member()) ? trainPart : DROPPED;
                    if (part != DROPPED) {
                        String split = part == VALIDATION ? ShardLayout.VALIDATION : ShardLayout.TRAIN;
                        next = new Tuple2<>(new SortKey(part, rules.place(split, t._2().key())), t._2());
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

    /** Samples per part of the plan, from the sizes of the hash-range partitions ({@code partitionsPerSplit} per part). */
    static long[] partTotals(List<Long> sizes, int partitionsPerSplit, int parts) {
        long[] totals = new long[parts];
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
