package org.imagenetwds.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.imagenetwds.dataset.SampleJson;
import org.junit.jupiter.api.Test;

/** The json fields label sets add to a validation sample, and that a sample no set covers keeps its bytes. */
class ValidationLabelsTest {

    private static final List<String> WNIDS = List.of("n01440764", "n01443537", "n01484850");

    private static ValidationLabels labels() throws IOException {
        RealLabels real = new RealLabels(List.of(List.of(2, 0), List.of(), List.of(1)));
        byte[] json = new MultiLabelFixture()
                .annotate(ValidationFiles.nameOf(1), List.of("n01440764"), List.of("n01484850"), List.of("n01443537"))
                .annotate(MultiLabelFixture.v2Name(3, 1), List.of("n01440764"), List.of(), List.of())
                .annotate(ValidationFiles.nameOf(3), List.of("n01443537"), List.of(), List.of())
                .problematic(ValidationFiles.nameOf(3)).imagenetM(ValidationFiles.nameOf(1)).toJson();
        MultiLabelAnnotations multi = MultiLabelAnnotations.read(new ByteArrayInputStream(json), "multi.json", WNIDS);
        return new ValidationLabels(Optional.of(real), Optional.of(multi));
    }

    @Test
    void aValidationSampleGainsEachSetsFieldsInAFixedOrder() throws IOException {
        ValidationLabels labels = labels();
        assertEquals(List.of("real_labels", "correct_multi_labels", "unclear_multi_labels", "wrong_multi_labels",
                "is_problematic", "imagenet_m"), List.copyOf(labels.fieldsOf(ValidationFiles.nameOf(1)).keySet()));
        assertEquals("{\"label\":2,\"class_name\":\"n01484850\",\"filename\":\"ILSVRC2012_val_00000001.JPEG\",\"width\":4,"
                        + "\"height\":3,\"real_labels\":[0,2],\"correct_multi_labels\":[0],\"unclear_multi_labels\":[2],"
                        + "\"wrong_multi_labels\":[1],\"is_problematic\":false,\"imagenet_m\":true}",
                json(labels.fieldsOf(ValidationFiles.nameOf(1))));
        assertEquals(Map.of("real_labels", List.of()), labels.fieldsOf(ValidationFiles.nameOf(2)),
                "an empty ReaL set is kept, a file without annotation gains no multi-label field");
        assertEquals(true, labels.fieldsOf(ValidationFiles.nameOf(3)).get("is_problematic"));
        assertTrue(labels.fieldsOf("n01440764_10026.JPEG").isEmpty(), "a train file gains nothing");
        assertTrue(ValidationLabels.NONE.fieldsOf(ValidationFiles.nameOf(1)).isEmpty());
    }

    @Test
    void withoutLabelSetsTheSampleJsonIsTheBytesItAlwaysWas() {
        String before = "{\"label\":2,\"class_name\":\"n01484850\",\"filename\":\"ILSVRC2012_val_00000001.JPEG\","
                + "\"width\":4,\"height\":3}";
        assertEquals(before, new String(SampleJson.of(2, "n01484850", ValidationFiles.nameOf(1), 4, 3, 0, 0),
                StandardCharsets.UTF_8));
        assertEquals(before, json(ValidationLabels.NONE.fieldsOf(ValidationFiles.nameOf(1))));
    }

    @Test
    void aMultiLabelFileAnnotatingImagesBeyondTheValidationInputDoesNotFit() throws IOException {
        MultiLabelAnnotations multi = labels().multiLabel().orElseThrow();
        ValidationLabels.checkFits(multi, 3, "multi.json");
        assertEquals("multi.json annotates ILSVRC2012_val_00000003.JPEG, beyond the 2 images of the validation input",
                assertThrows(IllegalArgumentException.class, () -> ValidationLabels.checkFits(multi, 2, "multi.json"))
                        .getMessage());
    }

    @Test
    void itTravelsToExecutorsWhole() throws IOException, ClassNotFoundException {
        ValidationLabels labels = labels();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(labels);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(labels, in.readObject());
        }
    }

    private static String json(Map<String, Object> extra) {
        return new String(SampleJson.of(2, "n01484850", ValidationFiles.nameOf(1), 4, 3, 0, 0, extra), StandardCharsets.UTF_8);
    }
}
