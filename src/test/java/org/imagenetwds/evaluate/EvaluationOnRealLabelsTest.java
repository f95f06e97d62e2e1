package org.imagenetwds.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.IntStream;

import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.MultiLabelFixture;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.SharedIlsvrcData;
import org.imagenetwds.labels.ValidationFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation on the real ILSVRC-2012 ground truth and the real real_labels.json (skipped without
 * ../shared), with multi-label annotations of the real file's shape generated over the real ground
 * truth (20 images per class, as in the real file). Each result is compared, field by field and
 * exactly, to a second computation written here with plain arrays and loops over image numbers.
 */
class EvaluationOnRealLabelsTest {

    private static final int IMAGES = 50_000;
    private static final int CLASSES = Ilsvrc2012Devkit.CLASSES;

    private static int[] truth; // truth[n - 1] = the original label of image n
    private static Map<String, Integer> originalLabels;
    private static RealLabels real;
    private static List<String> wnids;
    /** What the generated annotations say, in labels: the independent computation reads this, not the file. */
    private static Map<Integer, Annotated> annotated;
    private static MultiLabelAnnotations annotations;

    /** An annotated image: labels judged correct or unclear, and its marks. */
    private record Annotated(int[] accepted, boolean problematic, boolean imagenetM) {
    }

    @BeforeAll
    static void load() throws IOException {
        Ilsvrc2012Devkit devkit = SharedIlsvrcData.devkit();
        real = SharedIlsvrcData.realLabels();
        wnids = devkit.classes();
        truth = new int[IMAGES];
        originalLabels = new HashMap<>();
        for (int n = 1; n <= IMAGES; n++) {
            truth[n - 1] = devkit.validationLabel(n);
            originalLabels.put(ValidationFiles.nameOf(n), truth[n - 1]);
        }
        generateAnnotations();
        annotations = MultiLabelAnnotations.read(new ByteArrayInputStream(fixture().toJson()), "generated.json", wnids);
    }

    /**
     * The first 20 images of each class in file order; correct = the image's ReaL set (its original
     * label when the set is empty), unclear = the next class for every 4th image, wrong = a class 500
     * away for every 3rd; every 11th annotated image problematic; 68 seeded-random ones in ImageNet-M.
     */
    private static void generateAnnotations() {
        annotated = new TreeMap<>();
        int[] perClass = new int[CLASSES];
        Random random = new Random(20_000);
        List<Integer> chosen = new ArrayList<>();
        for (int n = 1; n <= IMAGES; n++) {
            if (perClass[truth[n - 1]]++ < 20) {
                chosen.add(n);
            }
        }
        List<Integer> shuffled = new ArrayList<>(chosen);
        Collections.shuffle(shuffled, random);
        List<Integer> imagenetM = shuffled.subList(0, 68);
        for (int i = 0; i < chosen.size(); i++) {
            int n = chosen.get(i);
            List<Integer> set = real.sets().get(n - 1);
            List<Integer> accepted = new ArrayList<>(set.isEmpty() ? List.of(truth[n - 1]) : set);
            if (n % 4 == 0 && !accepted.contains((truth[n - 1] + 1) % CLASSES)) {
                accepted.add((truth[n - 1] + 1) % CLASSES);
            }
            annotated.put(n, new Annotated(accepted.stream().mapToInt(Integer::intValue).toArray(), i % 11 == 5,
                    imagenetM.contains(n)));
        }
    }

    /** The generated annotations as the file writes them: correct and unclear apart, WNIDs, V2 names too. */
    private static MultiLabelFixture fixture() {
        MultiLabelFixture fixture = new MultiLabelFixture();
        for (Map.Entry<Integer, Annotated> e : annotated.entrySet()) {
            int n = e.getKey();
            int label = truth[n - 1];
            List<String> correct = new ArrayList<>();
            List<String> unclear = new ArrayList<>();
            for (int accepted : e.getValue().accepted()) {
                // the unclear extra is the label after the original; everything else is correct
                boolean isExtra = n % 4 == 0 && accepted == (label + 1) % CLASSES && !real.sets().get(n - 1).contains(accepted);
                (isExtra ? unclear : correct).add(wnids.get(accepted));
            }
            List<String> wrong = n % 3 == 0 && !correct.contains(wnids.get((label + 500) % CLASSES))
                    ? List.of(wnids.get((label + 500) % CLASSES)) : List.of();
            fixture.annotate(ValidationFiles.nameOf(n), correct, unclear, wrong);
            if (e.getValue().problematic()) {
                fixture.problematic(ValidationFiles.nameOf(n));
            }
            if (e.getValue().imagenetM()) {
                fixture.imagenetM(ValidationFiles.nameOf(n));
            }
            if (n % 100 == 0) {
                fixture.annotate(MultiLabelFixture.v2Name(label, n), List.of(wnids.get(label)), List.of(), List.of());
            }
        }
        int unannotated = IntStream.rangeClosed(1, IMAGES).filter(n -> !annotated.containsKey(n)).findFirst().orElseThrow();
        return fixture.problematic(ValidationFiles.nameOf(unannotated)); // a mark on an unannotated image changes nothing
    }

    private static EvaluationResult evaluate(int[][] top) {
        List<PredictionRow> rows = new ArrayList<>();
        for (int n = 1; n <= IMAGES; n++) {
            rows.add(new PredictionRow(ValidationFiles.nameOf(n), top[n - 1]));
        }
        Collections.shuffle(rows, new Random(7)); // row order must not matter
        Predictions predictions = PredictionValidator.validate(rows, originalLabels.keySet(), CLASSES, "preds");
        return Evaluation.of(originalLabels, CLASSES, predictions).withReal(real).withMultiLabel(annotations).run();
    }

    @Test
    void predictingTheOriginalLabels() {
        int[][] top = new int[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            top[i] = new int[] {truth[i]};
        }
        EvaluationResult result = evaluate(top);
        assertSameResult(reference(top), result);
        assertEquals(new Accuracy(50_000, 50_000), result.top1());
        // the original label is in the ReaL set of 42,164 of the 46,837 images that have one: 0.9002...
        // (the same count from meta.mat, the ground truth and real_labels.json read with SciPy)
        assertEquals(Optional.of(new Accuracy(42_164, 46_837)), result.realTop1());
        assertEquals(List.of(), result.mostConfused());
        assertEquals(18_182, result.multiLabel().orElseThrow().images()); // 20,000 less the 1,818 problematic ones
    }

    @Test
    void predictingASeededPermutationOfTheLabelsWithFourMoreGuesses() {
        List<Integer> permuted = new ArrayList<>();
        for (int label : truth) {
            permuted.add(label);
        }
        Random random = new Random(12);
        Collections.shuffle(permuted, random);
        int[][] top = new int[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            top[i] = withGuesses(permuted.get(i), random);
        }
        assertSameResult(reference(top), evaluate(top));
    }

    @Test
    void predictingTheOriginalLabelFirstThenFourGuesses() {
        Random random = new Random(5);
        int[][] top = new int[IMAGES][];
        for (int i = 0; i < IMAGES; i++) {
            top[i] = withGuesses(truth[i], random);
        }
        EvaluationResult result = evaluate(top);
        assertSameResult(reference(top), result);
        assertEquals(Optional.of(new Accuracy(50_000, 50_000)), result.top5());
    }

    /** Field by field, so a failure shows the metric (and the class) that differs, not two 160 kB strings. */
    private static void assertSameResult(EvaluationResult expected, EvaluationResult actual) {
        assertEquals(expected.top1(), actual.top1(), "top-1");
        assertEquals(expected.top5(), actual.top5(), "top-5");
        assertEquals(expected.realTop1(), actual.realTop1(), "ReaL top-1");
        assertEquals(expected.realTop5(), actual.realTop5(), "ReaL top-5");
        assertEquals(expected.multiLabel(), actual.multiLabel(), "multi-label");
        assertEquals(expected.imagenetM(), actual.imagenetM(), "ImageNet-M");
        assertEquals(expected.perClass().size(), actual.perClass().size(), "classes");
        for (int c = 0; c < expected.perClass().size(); c++) {
            assertEquals(expected.perClass().get(c), actual.perClass().get(c), "class " + c);
        }
        assertEquals(expected.mostConfused(), actual.mostConfused(), "most confused");
    }

    /** {@code first}, then four other distinct labels drawn from {@code random}. */
    private static int[] withGuesses(int first, Random random) {
        int[] top = {first, -1, -1, -1, -1};
        for (int filled = 1; filled < 5; ) {
            int guess = random.nextInt(CLASSES);
            boolean fresh = true;
            for (int j = 0; j < filled; j++) {
                fresh &= top[j] != guess;
            }
            if (fresh) {
                top[filled++] = guess;
            }
        }
        return top;
    }

    /** Every metric again, over image numbers and plain arrays, multi-label the way TFDS's README computes it. */
    private static EvaluationResult reference(int[][] top) {
        boolean five = top[0].length == 5;
        long[] images = new long[CLASSES];
        long[] right = new long[CLASSES];
        long[] realImages = new long[CLASSES];
        long[] realRight = new long[CLASSES];
        long top5Right = 0;
        long realTop5Right = 0;
        long[][] confusion = new long[CLASSES][CLASSES];
        for (int i = 0; i < IMAGES; i++) {
            int label = truth[i];
            images[label]++;
            right[label] += top[i][0] == label ? 1 : 0;
            confusion[label][top[i][0]]++;
            for (int guess : top[i]) {
                top5Right += guess == label ? 1 : 0;
            }
            List<Integer> set = real.sets().get(i);
            if (set.size() > 0) {
                realImages[label]++;
                realRight[label] += set.indexOf(top[i][0]) >= 0 ? 1 : 0;
                boolean any = false;
                for (int guess : top[i]) {
                    any |= set.indexOf(guess) >= 0;
                }
                realTop5Right += any ? 1 : 0;
            }
        }

        Map<Integer, Long> numCorrectPerClass = new HashMap<>();
        Map<Integer, Long> numImagesPerClass = new HashMap<>();
        long mRight = 0;
        long mImages = 0;
        for (Map.Entry<Integer, Annotated> e : annotated.entrySet()) {
            int prediction = top[e.getKey() - 1][0];
            boolean ok = false;
            for (int accepted : e.getValue().accepted()) {
                ok |= accepted == prediction;
            }
            if (e.getValue().imagenetM()) {
                mImages++;
                mRight += ok ? 1 : 0;
            }
            if (e.getValue().problematic()) {
                continue;
            }
            int cls = truth[e.getKey() - 1];
            numImagesPerClass.merge(cls, 1L, Long::sum);
            numCorrectPerClass.merge(cls, ok ? 1L : 0L, Long::sum);
        }
        assertEquals(CLASSES, numImagesPerClass.size());
        double finalAvg = 0;
        for (int cid = 0; cid < CLASSES; cid++) {
            finalAvg += (double) numCorrectPerClass.get(cid) / numImagesPerClass.get(cid);
        }
        finalAvg /= CLASSES;

        List<ClassScores> perClass = new ArrayList<>();
        long allRight = 0;
        long allRealImages = 0;
        long allRealRight = 0;
        long scored = 0;
        for (int c = 0; c < CLASSES; c++) {
            perClass.add(new ClassScores(c, new Accuracy(right[c], images[c]), Optional.of(new Accuracy(realRight[c], realImages[c])),
                    Optional.of(new Accuracy(numCorrectPerClass.get(c), numImagesPerClass.get(c)))));
            allRight += right[c];
            allRealImages += realImages[c];
            allRealRight += realRight[c];
            scored += numImagesPerClass.get(c);
        }

        // off-diagonal cells, largest first; equal counts by original label, then predicted label
        Map<String, Confusion> cells = new LinkedHashMap<>();
        for (int a = 0; a < CLASSES; a++) {
            for (int b = 0; b < CLASSES; b++) {
                if (a != b && confusion[a][b] > 0) {
                    cells.put(a + ">" + b, new Confusion(a, b, confusion[a][b]));
                }
            }
        }
        List<Confusion> sorted = new ArrayList<>(cells.values());
        sorted.sort((x, y) -> x.count() != y.count() ? Long.compare(y.count(), x.count())
                : x.label() != y.label() ? Integer.compare(x.label(), y.label()) : Integer.compare(x.predicted(), y.predicted()));

        return new EvaluationResult(new Accuracy(allRight, IMAGES),
                five ? Optional.of(new Accuracy(top5Right, IMAGES)) : Optional.empty(),
                Optional.of(new Accuracy(allRealRight, allRealImages)),
                five ? Optional.of(new Accuracy(realTop5Right, allRealImages)) : Optional.empty(),
                Optional.of(new ClassMeanAccuracy(finalAvg, CLASSES, scored)),
                Optional.of(new Accuracy(mRight, mImages)),
                perClass, sorted.subList(0, Math.min(20, sorted.size())));
    }
}
