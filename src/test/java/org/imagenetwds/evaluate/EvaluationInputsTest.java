package org.imagenetwds.evaluate;

import static org.imagenetwds.evaluate.EvaluationTest.CLASSES;
import static org.imagenetwds.evaluate.EvaluationTest.ROWS;
import static org.imagenetwds.evaluate.EvaluationTest.originalLabels;
import static org.imagenetwds.evaluate.EvaluationTest.val;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imagenetwds.labels.RealLabels;
import org.junit.jupiter.api.Test;

/** Predictions and label sets that do not fit the samples evaluated are refused with one line, never scored in part. */
class EvaluationInputsTest {

    private static String rejected(List<PredictionRow> rows) {
        return assertThrows(IllegalArgumentException.class,
                () -> PredictionValidator.validate(rows, originalLabels().keySet(), CLASSES, "preds.csv")).getMessage();
    }

    private static Predictions valid() {
        return PredictionValidator.validate(ROWS, originalLabels().keySet(), CLASSES, "preds.csv");
    }

    @Test
    void missingUnknownAndRepeatedSamplesAreCountedAndNamed() {
        List<PredictionRow> rows = new ArrayList<>(ROWS.subList(0, 11)); // image 12 missing
        rows.add(new PredictionRow("ILSVRC2012_val_00000013.JPEG", 0, 1, 2, 3, 4));
        rows.add(new PredictionRow(val(3), 1, 0, 2, 3, 4));
        assertEquals("preds.csv does not fit the 12 samples evaluated (13 rows): 1 missing (ILSVRC2012_val_00000012.JPEG),"
                + " 1 unknown (ILSVRC2012_val_00000013.JPEG), 1 repeated (ILSVRC2012_val_00000003.JPEG);"
                + " samples are named like ILSVRC2012_val_00000001.JPEG", rejected(rows));
        assertEquals("preds.csv does not fit the 12 samples evaluated (5 rows): 7 missing (ILSVRC2012_val_00000006.JPEG,"
                + " ILSVRC2012_val_00000007.JPEG, ILSVRC2012_val_00000008.JPEG, ILSVRC2012_val_00000009.JPEG,"
                + " ILSVRC2012_val_00000010.JPEG, ...)", rejected(ROWS.subList(0, 5)));
    }

    @Test
    void aBadRowIsNamedByNumber() {
        assertEquals("preds.csv holds no predictions", rejected(List.of()));
        assertEquals("preds.csv row 1 (ILSVRC2012_val_00000001.JPEG) holds 3 labels: a prediction is one label or the top 5",
                rejected(List.of(new PredictionRow(val(1), 0, 1, 2))));
        assertEquals("preds.csv row 2 (ILSVRC2012_val_00000002.JPEG) holds 1 labels, row 1 holds 5",
                rejected(List.of(ROWS.get(0), new PredictionRow(val(2), 0))));
        assertEquals("preds.csv row 1 (ILSVRC2012_val_00000001.JPEG): 6 is not a label 0..5",
                rejected(List.of(new PredictionRow(val(1), 6))));
        assertEquals("preds.csv row 1 (ILSVRC2012_val_00000001.JPEG): -1 is not a label 0..5",
                rejected(List.of(new PredictionRow(val(1), -1))));
        assertEquals("preds.csv row 1 (ILSVRC2012_val_00000001.JPEG) predicts label 2 twice",
                rejected(List.of(new PredictionRow(val(1), 2, 1, 2, 3, 4))));
    }

    @Test
    void labelSetsMustDescribeTheSamplesEvaluated() throws IOException {
        Predictions predictions = valid();
        RealLabels elevenImages = RealLabels.read(new ByteArrayInputStream(
                "[[0], [], [1], [4], [], [2], [5], [3], [5], [], [2]]".getBytes(StandardCharsets.UTF_8)), "real.json", 11);
        assertEquals("the ReaL labels list 11 validation images, the evaluation has 12 samples", assertThrows(
                IllegalArgumentException.class, () -> Evaluation.of(originalLabels(), CLASSES, predictions)
                        .withReal(elevenImages)).getMessage());
        assertEquals("the multi-label annotations name 1 files that are not among the 12 samples evaluated"
                + " (ILSVRC2012_val_00000020.JPEG)", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(originalLabels(), CLASSES, predictions).withMultiLabel(EvaluationTest.read(
                        EvaluationTest.annotations().annotate(val(20), EvaluationTest.wnids(1), List.of(), List.of()))))
                .getMessage());
    }

    @Test
    void realLabelsNeedValidationFileNames() {
        Predictions predictions = PredictionValidator.validate(List.of(new PredictionRow("n01440764_1", 0)),
                Set.of("n01440764_1"), CLASSES, "preds.csv");
        RealLabels one = new RealLabels(List.of(List.of(0)));
        assertEquals("ReaL labels are filed by validation file name, and sample 'n01440764_1' is not one"
                + " (ILSVRC2012_val_NNNNNNNN.JPEG)", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.of(Map.of("n01440764_1", 0), CLASSES, predictions).withReal(one)).getMessage());
    }

    @Test
    void predictionsAndLabelsMustBeForTheSameSamples() {
        Predictions predictions = valid();
        Map<String, Integer> fewer = Map.of(val(1), 0);
        assertEquals("the predictions are for 12 samples that are not the 1 evaluated (check them with PredictionValidator)",
                assertThrows(IllegalArgumentException.class, () -> Evaluation.of(fewer, CLASSES, predictions)).getMessage());
        Map<String, Integer> outOfRange = new java.util.TreeMap<>(originalLabels());
        outOfRange.put(val(1), 6);
        assertEquals("sample ILSVRC2012_val_00000001.JPEG has original label 6, not a class 0..5",
                assertThrows(IllegalArgumentException.class, () -> Evaluation.of(outOfRange, CLASSES, predictions)).getMessage());
    }
}
