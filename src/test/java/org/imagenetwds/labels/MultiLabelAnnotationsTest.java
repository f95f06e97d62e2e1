package org.imagenetwds.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The multi-label annotations reader on files of the real file's shape, written by {@link MultiLabelFixture}. */
class MultiLabelAnnotationsTest {

    /** The first five ILSVRC-2012 WNIDs in ascending order: labels 0..4. */
    static final List<String> CLASSES = List.of("n01440764", "n01443537", "n01484850", "n01491361", "n01494475");

    private static String val(int number) {
        return ValidationFiles.nameOf(number);
    }

    private static MultiLabelAnnotations read(byte[] json) throws IOException {
        return MultiLabelAnnotations.read(new ByteArrayInputStream(json), "human_accuracy.json", CLASSES);
    }

    private static String error(byte[] json) {
        return assertThrows(IllegalArgumentException.class, () -> read(json)).getMessage();
    }

    private static String error(String json) {
        return error(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsVerdictsAsSortedLabelsAndMarksProblematicAndImagenetMImages() throws IOException {
        byte[] json = new MultiLabelFixture()
                .annotate(val(1), List.of("n01443537"), List.of(), List.of("n01440764"))
                .annotate(MultiLabelFixture.v2Name(3, 0), List.of("n99999999"), List.of(), List.of()) // skipped unread
                .annotate(val(2), List.of("n01494475", "n01440764"), List.of("n01484850"), List.of())
                .annotate(val(3), List.of(), List.of(), List.of("n01491361"))
                .annotate(val(40), List.of("n01491361"), List.of(), List.of())
                .problematic(val(3)).problematic(val(9)).problematic(MultiLabelFixture.v2Name(3, 0))
                .imagenetM(val(40)).imagenetM(val(2))
                .toJson();
        MultiLabelAnnotations annotations = read(json);
        assertEquals(Map.of(
                val(1), new MultiLabelAnnotation(List.of(1), List.of(), List.of(0), false, false),
                val(2), new MultiLabelAnnotation(List.of(0, 4), List.of(2), List.of(), false, true),
                val(3), new MultiLabelAnnotation(List.of(), List.of(), List.of(3), true, false),
                val(40), new MultiLabelAnnotation(List.of(3), List.of(), List.of(), false, true)), annotations.byFile());
        assertEquals(4, annotations.annotatedImages());
        assertEquals(1, annotations.problematicImages()); // val 9 is marked but not annotated: no effect
        assertEquals(2, annotations.imagenetMImages());
        assertEquals(Optional.empty(), annotations.of(val(9)));
        MultiLabelAnnotation two = annotations.of(val(2)).orElseThrow();
        assertTrue(two.accepts(0) && two.accepts(4) && two.accepts(2), "correct and unclear are accepted");
        assertFalse(two.accepts(1) || two.accepts(3));
    }

    @Test
    void aFileWithoutImagenetMHasNoImagenetMImages() throws IOException {
        byte[] json = new MultiLabelFixture().annotate(val(1), List.of("n01440764"), List.of(), List.of())
                .withoutImagenetM().toJson();
        assertEquals(0, read(json).imagenetMImages());
    }

    @Test
    void anUnknownWnidIsNamed() {
        byte[] json = new MultiLabelFixture().annotate(val(7), List.of("n01440764"), List.of("n04999999"), List.of()).toJson();
        assertEquals("human_accuracy.json: initial_annots[ILSVRC2012_val_00000007.JPEG].unclear names WNID n04999999,"
                + " which is not one of the 5 classes", error(json));
    }

    @Test
    void imagenetMMustNameAnnotatedValidationImagesOnce() {
        assertEquals("human_accuracy.json: imagenet_m names ILSVRC2012_val_00000002.JPEG, which initial_annots does not"
                        + " annotate as a validation image",
                error(new MultiLabelFixture().annotate(val(1), List.of("n01440764"), List.of(), List.of())
                        .imagenetM(val(2)).toJson()));
        assertEquals("human_accuracy.json: imagenet_m lists ILSVRC2012_val_00000001.JPEG twice",
                error(new MultiLabelFixture().annotate(val(1), List.of("n01440764"), List.of(), List.of())
                        .imagenetM(val(1)).imagenetM(val(1)).toJson()));
    }

    @Test
    void aMisspelledValidationNameIsRefusedNotSkipped() {
        assertEquals("human_accuracy.json: initial_annots names 'ILSVRC2012_val_7.JPEG', not a validation file name"
                        + " (ILSVRC2012_val_NNNNNNNN.JPEG)",
                error(new MultiLabelFixture().annotate("ILSVRC2012_val_7.JPEG", List.of("n01440764"), List.of(), List.of())
                        .toJson()));
    }

    @Test
    void aFileOfAnotherShapeIsRefusedWithOneLine() {
        assertEquals("human_accuracy.json has no initial_annots object: not a multi-label annotations file"
                + " (human_accuracy_v3.0.0.json)", error("{\"problematic_images\": {}, \"imagenet_m\": []}"));
        assertEquals("human_accuracy.json has no problematic_images object: not a multi-label annotations file"
                + " (human_accuracy_v3.0.0.json)", error("{\"initial_annots\": {}}"));
        assertEquals("human_accuracy.json: the top-level value must be an object with initial_annots, problematic_images"
                + " and imagenet_m, found a list", error("[]"));
        assertEquals("human_accuracy.json: initial_annots must be an object of file name to annotation, found a list",
                error("{\"initial_annots\": [], \"problematic_images\": {}}"));
        assertEquals("human_accuracy.json: initial_annots[ILSVRC2012_val_00000001.JPEG].correct holds 5, not a WNID",
                error("{\"initial_annots\": {\"ILSVRC2012_val_00000001.JPEG\": {\"correct\": [5]}}, \"problematic_images\": {}}"));
        assertEquals("human_accuracy.json: initial_annots[ILSVRC2012_val_00000001.JPEG].wrong must be a list of WNIDs,"
                        + " found a string",
                error("{\"initial_annots\": {\"ILSVRC2012_val_00000001.JPEG\": {\"wrong\": \"n01440764\"}}, \"problematic_images\": {}}"));
        assertEquals("human_accuracy.json: imagenet_m must be a list of file names, found an object",
                error("{\"initial_annots\": {}, \"problematic_images\": {}, \"imagenet_m\": {}}"));
        String twice = error("{\"initial_annots\": {\"ILSVRC2012_val_00000001.JPEG\": {}, \"ILSVRC2012_val_00000001.JPEG\": {}},"
                + " \"problematic_images\": {}}");
        assertTrue(twice.startsWith("human_accuracy.json is not valid JSON: Duplicate field 'ILSVRC2012_val_00000001.JPEG'"),
                twice);
    }

    @Test
    void theClassListMustBeInWnidOrder() {
        assertEquals("the class list is not in ascending WNID order: n01443537 comes before n01440764 at index 1",
                assertThrows(IllegalArgumentException.class, () -> MultiLabelAnnotations.read(
                        new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), "x.json",
                        List.of("n01443537", "n01440764"))).getMessage());
    }
}
