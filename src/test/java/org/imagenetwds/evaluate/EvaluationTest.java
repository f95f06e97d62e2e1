package org.imagenetwds.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.MultiLabelFixture;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationFiles;
import org.junit.jupiter.api.Test;

/**
 * Every metric on a fixture small enough to score by hand: 6 classes, 12 validation images, image
 * <i>i</i> of original label (i - 1) / 2 (two per class). The arithmetic is in the comments.
 */
class EvaluationTest {

    static final int CLASSES = 6;
    static final List<String> WNIDS = List.of("n01440764", "n01443537", "n01484850", "n01491361", "n01494475", "n01496331");

    static String val(int number) {
        return ValidationFiles.nameOf(number);
    }

    static Map<String, Integer> originalLabels() {
        Map<String, Integer> labels = new TreeMap<>();
        for (int i = 1; i <= 12; i++) {
            labels.put(val(i), (i - 1) / 2);
        }
        return labels;
    }

    //                          image  original  top-5            top-1 ok  top-5 ok
    static final List<PredictionRow> ROWS = List.of(
            new PredictionRow(val(1), 0, 1, 2, 3, 4), //  0       yes       yes
            new PredictionRow(val(2), 1, 0, 2, 3, 4), //  0       no (0->1) yes
            new PredictionRow(val(3), 1, 0, 2, 3, 4), //  1       yes       yes
            new PredictionRow(val(4), 2, 3, 4, 5, 0), //  1       no (1->2) no
            new PredictionRow(val(5), 2, 0, 1, 3, 4), //  2       yes       yes
            new PredictionRow(val(6), 1, 2, 3, 4, 5), //  2       no (2->1) yes
            new PredictionRow(val(7), 3, 0, 1, 2, 4), //  3       yes       yes
            new PredictionRow(val(8), 3, 0, 1, 2, 4), //  3       yes       yes
            new PredictionRow(val(9), 5, 0, 1, 2, 3), //  4       no (4->5) no
            new PredictionRow(val(10), 4, 0, 1, 2, 3), // 4       yes       yes
            new PredictionRow(val(11), 0, 1, 2, 3, 4), // 5       no (5->0) no
            new PredictionRow(val(12), 0, 5, 1, 2, 3)); // 5      no (5->0) yes

    //  image:      1     2    3       4     5     6       7     8     9     10   11    12
    //  top-1:      0     1    1       2     2     1       3     3     5     4    0     0
    //  ReaL top-1: yes   -    yes     no    -     yes     no    yes   yes   -    no    no   -> 5 of 9
    //  ReaL top-5: yes   -    yes     yes   -     yes     no    yes   yes   -    yes   yes  -> 8 of 9
    static final String REAL = "[[0], [], [1, 4], [4], [], [2, 1], [5], [3], [5], [], [2], [5]]";

    static RealLabels real() throws IOException {
        return RealLabels.read(new ByteArrayInputStream(REAL.getBytes(StandardCharsets.UTF_8)), "real.json", 12);
    }

    /**
     * image  class  verdicts                     top-1  scored  right (in correct or unclear)
     * 1      0      correct 0                    0      yes     yes
     * 2      0      correct 0, unclear 1         1      yes     yes (unclear counts)
     * 3      1      correct 1, problematic, M    1      no      (ImageNet-M: yes)
     * 4      1      correct 1, wrong 2           2      yes     no
     * 6      2      correct 2                    1      yes     no
     * 7      3      correct 3                    3      yes     yes
     * 9      4      correct 4 5                  5      yes     yes
     * 10     4      correct 4, problematic       4      no
     * 11     5      correct 5, wrong 0, M        0      yes     no  (ImageNet-M: no)
     * 12     5      correct 5, unclear 0, M      0      yes     yes (ImageNet-M: yes)
     * Images 5 and 8 are not annotated; image 5's problematic mark has no effect.
     */
    static MultiLabelFixture annotations() {
        return new MultiLabelFixture()
                .annotate(val(1), wnids(0), wnids(), wnids())
                .annotate(val(2), wnids(0), wnids(1), wnids())
                .annotate(MultiLabelFixture.v2Name(0, 1), wnids(3), wnids(), wnids(0))
                .annotate(val(3), wnids(1), wnids(), wnids())
                .annotate(val(4), wnids(1), wnids(), wnids(2))
                .annotate(val(6), wnids(2), wnids(), wnids())
                .annotate(val(7), wnids(3), wnids(), wnids())
                .annotate(val(9), wnids(4, 5), wnids(), wnids())
                .annotate(val(10), wnids(4), wnids(), wnids())
                .annotate(val(11), wnids(5), wnids(), wnids(0))
                .annotate(val(12), wnids(5), wnids(0), wnids())
                .problematic(val(3)).problematic(val(10)).problematic(val(5)).problematic(MultiLabelFixture.v2Name(0, 1))
                .imagenetM(val(3)).imagenetM(val(11)).imagenetM(val(12));
    }

    static List<String> wnids(int... labels) {
        return java.util.Arrays.stream(labels).mapToObj(WNIDS::get).toList();
    }

    static MultiLabelAnnotations read(MultiLabelFixture fixture) throws IOException {
        return MultiLabelAnnotations.read(new ByteArrayInputStream(fixture.toJson()), "human_accuracy.json", WNIDS);
    }

    static Evaluation evaluation(List<PredictionRow> rows) throws IOException {
        Predictions predictions = PredictionValidator.validate(rows, originalLabels().keySet(), CLASSES, "preds.csv");
        return Evaluation.of(originalLabels(), CLASSES, predictions).withReal(real()).withMultiLabel(read(annotations()));
    }

    @Test
    void everyMetricAsComputedByHand() throws IOException {
        EvaluationResult r = evaluation(ROWS).run();
        assertEquals(new Accuracy(6, 12), r.top1()); // images 1 3 5 7 8 10
        assertEquals(Optional.of(new Accuracy(9, 12)), r.top5()); // all but 4 9 11
        assertEquals(Optional.of(new Accuracy(5, 9)), r.realTop1()); // 2 5 10 have no ReaL label; 1 3 6 8 9 right
        assertEquals(Optional.of(new Accuracy(8, 9)), r.realTop5()); // all of the 9 but 7
        // per class: 0: 2/2, 1: 0/1, 2: 0/1, 3: 1/1, 4: 1/1, 5: 1/2 over 8 scored images; the mean of the six
        assertEquals(Optional.of(new ClassMeanAccuracy((1.0 + 0.0 + 0.0 + 1.0 + 1.0 + 0.5) / 6, 6, 8)), r.multiLabel());
        assertEquals(0.5833333333333334, r.multiLabel().orElseThrow().value());
        assertEquals(Optional.of(new Accuracy(2, 3)), r.imagenetM()); // 3 and 12 right, 11 wrong
        assertEquals(List.of(
                // class  top-1 (images 2c+1, 2c+2)  ReaL top-1                     multi-label
                scores(0, 1, 2, 1, 1, 2, 2), //       1 yes, 2 no     1 yes (2 has none)            1 2
                scores(1, 1, 2, 1, 2, 0, 1), //       3 yes, 4 no     3 yes, 4 no                   4 (3 problematic)
                scores(2, 1, 2, 1, 1, 0, 1), //       5 yes, 6 no     6 yes (5 has none)            6 (5 not annotated)
                scores(3, 2, 2, 1, 2, 1, 1), //       7 8 yes         7 no, 8 yes                   7 (8 not annotated)
                scores(4, 1, 2, 1, 1, 1, 1), //       9 no, 10 yes    9 yes (10 has none)           9 (10 problematic)
                scores(5, 0, 2, 0, 2, 1, 2)), //      11 12 no        11 12 no                      12 yes, 11 no
                r.perClass());
        // (5 -> 0) twice; the single ones by original then predicted label
        assertEquals(List.of(new Confusion(5, 0, 2), new Confusion(0, 1, 1), new Confusion(1, 2, 1), new Confusion(2, 1, 1),
                new Confusion(4, 5, 1)), r.mostConfused());
    }

    private static ClassScores scores(int label, long top1, long images, long real, long realImages, long multi,
                                      long multiImages) {
        return new ClassScores(label, new Accuracy(top1, images), Optional.of(new Accuracy(real, realImages)),
                Optional.of(new Accuracy(multi, multiImages)));
    }

    @Test
    void singleLabelPredictionsHaveNoTop5Metrics() throws IOException {
        List<PredictionRow> firstOnly = ROWS.stream().map(r -> new PredictionRow(r.name(), r.top().subList(0, 1))).toList();
        EvaluationResult single = evaluation(firstOnly).run();
        EvaluationResult five = evaluation(ROWS).run();
        assertEquals(Optional.empty(), single.top5());
        assertEquals(Optional.empty(), single.realTop5());
        assertEquals(five.top1(), single.top1());
        assertEquals(five.realTop1(), single.realTop1());
        assertEquals(five.multiLabel(), single.multiLabel());
        assertEquals(five.imagenetM(), single.imagenetM());
        assertEquals(five.perClass(), single.perClass());
    }

    @Test
    void withoutLabelSetsOnlyTheOriginalLabelsAreScored() throws IOException {
        Predictions predictions = PredictionValidator.validate(ROWS, originalLabels().keySet(), CLASSES, "preds.csv");
        EvaluationResult r = Evaluation.of(originalLabels(), CLASSES, predictions).run();
        assertEquals(new Accuracy(6, 12), r.top1());
        assertEquals(Optional.of(new Accuracy(9, 12)), r.top5());
        assertEquals(List.of(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
                List.of(r.realTop1(), r.realTop5(), r.multiLabel(), r.imagenetM()));
        assertEquals(Optional.empty(), r.perClass().get(0).realTop1());
    }

    @Test
    void aClassWithoutAnAnnotatedImageMakesTheMultiLabelMeanFail() throws IOException {
        // class 2's only annotated image is 6; with 6 problematic, class 2 has none left
        MultiLabelAnnotations annotations = read(annotations().problematic(val(6)));
        Predictions predictions = PredictionValidator.validate(ROWS, originalLabels().keySet(), CLASSES, "preds.csv");
        Evaluation evaluation = Evaluation.of(originalLabels(), CLASSES, predictions).withMultiLabel(annotations);
        assertEquals("multi-label accuracy is a mean over all 6 classes, but 1 have no annotated, non-problematic image (2)",
                assertThrows(IllegalArgumentException.class, evaluation::run).getMessage());
    }

    @Test
    void theTableShowsEachMetricAndTheConfusedPairs() throws IOException {
        assertEquals("""
                metric            correct       images   accuracy
                top-1                   6           12    50.000%
                top-5                   9           12    75.000%
                ReaL top-1              5            9    55.556%  (images with a ReaL label)
                ReaL top-5              8            9    88.889%  (images with a ReaL label)
                multi-label                          8    58.333%  (mean of 6 class accuracies, problematic images left out)
                ImageNet-M              2            3    66.667%

                5 most confused (original label -> top-1 prediction)
                       5 -> 0                 2
                       0 -> 1                 1
                       1 -> 2                 1
                       2 -> 1                 1
                       4 -> 5                 1
                """, evaluation(ROWS).run().renderTable());
    }
}
