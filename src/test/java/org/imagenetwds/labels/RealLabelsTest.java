package org.imagenetwds.labels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** ReaL labels from hand-written bytes and from the real real_labels.json. */
class RealLabelsTest {

    private static RealLabels read(String json, int expected) throws IOException {
        return RealLabels.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "real.json", expected);
    }

    private static String error(String json, int expected) {
        return assertThrows(IllegalArgumentException.class, () -> read(json, expected)).getMessage();
    }

    @Test
    void entryIBelongsToImageIPlusOneSortedWithEmptySetsKept() throws IOException {
        RealLabels real = read("[[], [970, 795], [230]]", 3);
        assertEquals(List.of(List.of(), List.of(795, 970), List.of(230)), real.sets());
        assertEquals(List.of(), real.labelsOf("ILSVRC2012_val_00000001.JPEG"));
        assertEquals(List.of(795, 970), real.labelsOf(2));
        assertEquals(List.of(230), real.labelsOf("ILSVRC2012_val_00000003.JPEG"));
        assertEquals(3, real.images());
        assertEquals(2, real.coveredImages());
        assertEquals(3, real.coveredClasses());
    }

    @Test
    void aFileThatIsNotReaLIsRefusedWithOneLineSayingWhereAndWhat() {
        assertEquals("real.json lists 2 validation images, the validation set has 50,000", error("[[1], [2]]", 50_000));
        assertEquals("real.json: the top-level value must be a list of label lists, found an object", error("{}", 1));
        assertEquals("real.json: entry 1 (ILSVRC2012_val_00000002.JPEG) must be a list of labels, found an integer",
                error("[[1], 2]", 2));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds 1000, not a label 0..999", error("[[1000]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds -1, not a label 0..999", error("[[-1]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds \"5\", not a label 0..999", error("[[\"5\"]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds 1.5, not a label 0..999", error("[[1.5]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds a list, not a label 0..999", error("[[[1]]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) holds 99999999999, not a label 0..999",
                error("[[99999999999]]", 1));
        assertEquals("real.json: entry 0 (ILSVRC2012_val_00000001.JPEG) lists label 3 twice", error("[[3, 3]]", 1));
        assertEquals("real.json: a list follows the top-level value at line 1", error("[[1]] [2]", 1));
        assertTrue(error("[[1],", 1).startsWith("real.json is not valid JSON: Unexpected end-of-input"), error("[[1],", 1));
        assertTrue(error("", 1).startsWith("real.json: the top-level value must be a list of label lists, found the end"),
                error("", 1));
    }

    @Test
    void askingForAnImageItDoesNotListNamesTheImage() throws IOException {
        RealLabels real = read("[[1], [2]]", 2);
        assertEquals("validation image 3 is not among the 2 the ReaL labels list",
                assertThrows(IllegalArgumentException.class, () -> real.labelsOf(3)).getMessage());
        assertEquals("'n01440764_10026.JPEG' is not an ILSVRC-2012 validation file name (ILSVRC2012_val_NNNNNNNN.JPEG)",
                assertThrows(IllegalArgumentException.class, () -> real.labelsOf("n01440764_10026.JPEG")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> real.labelsOf(0));
    }

    /**
     * The real file: 50,000 sets, 3,163 empty, every label 0..999 present somewhere; each set equal to
     * the one a plain regular-expression scan of the text finds.
     */
    @Test
    void theRealFileAgreesWithAPlainTextScan() throws IOException {
        RealLabels real = SharedIlsvrcData.realLabels();
        assertEquals(50_000, real.images());
        assertEquals(46_837, real.coveredImages());
        assertEquals(1000, real.coveredClasses());
        assertEquals(List.of(), real.labelsOf(1));
        assertEquals(List.of(795, 970), real.labelsOf(2));
        assertEquals(List.of(230, 231), real.labelsOf(3));
        assertEquals(List.of(355), real.labelsOf("ILSVRC2012_val_00050000.JPEG"));

        String text = Files.readString(SharedIlsvrcData.file("real_labels.json"));
        Matcher inner = Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(text);
        List<List<Integer>> scanned = new ArrayList<>();
        while (inner.find()) {
            String body = inner.group(1).strip();
            scanned.add(body.isEmpty() ? List.of()
                    : Arrays.stream(body.split(",")).map(s -> Integer.valueOf(s.strip())).sorted().toList());
        }
        assertEquals(scanned, real.sets());
        assertEquals(3_163, scanned.stream().filter(List::isEmpty).count());
    }

    @Test
    void theRealFileAgainstAValidationSetOfAnotherSizeIsRefused() throws IOException {
        try (InputStream in = Files.newInputStream(SharedIlsvrcData.file("real_labels.json"))) {
            assertEquals("real_labels.json lists 50,000 validation images, the validation set has 10,000",
                    assertThrows(IllegalArgumentException.class, () -> RealLabels.read(in, "real_labels.json", 10_000))
                            .getMessage());
        }
    }
}
