package org.imagenetwds.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The CSV and JSON-lines predictions readers: the accepted shapes, and one-line errors naming file and line. */
class PredictionsReadersTest {

    private static InputStream text(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    private static PredictionTable csv(String s) throws IOException {
        return PredictionsCsv.read(text(s), "p.csv");
    }

    private static PredictionTable jsonl(String s) throws IOException {
        return PredictionsJsonLines.read(text(s), "p.jsonl");
    }

    @Test
    void csvTop5BySpacesOrSemicolonsQuotedOrNotOtherColumnsIgnored() throws IOException {
        PredictionTable t = csv("\uFEFFscore, filename ,top5\n"
                + "0.9,ILSVRC2012_val_00000001.JPEG,65 970 230 1 2\n"
                + "\n"
                + "0.1,\"ILSVRC2012_val_00000002.JPEG\",\"3;4; 5;6;7\"\n");
        assertFalse(t.byKey());
        assertEquals(List.of(new PredictionRow("ILSVRC2012_val_00000001.JPEG", 65, 970, 230, 1, 2),
                new PredictionRow("ILSVRC2012_val_00000002.JPEG", 3, 4, 5, 6, 7)), t.rows());
    }

    @Test
    void csvByKeyWithOneLabel() throws IOException {
        PredictionTable t = csv("key,label\nILSVRC2012_val_00000001,65\n");
        assertTrue(t.byKey());
        assertEquals(List.of(new PredictionRow("ILSVRC2012_val_00000001", 65)), t.rows());
    }

    /** A list in a cell, as pandas' to_csv writes a column of lists (quoted, with commas). */
    @Test
    void aCsvCellMayHoldABracketedList() throws IOException {
        assertEquals(List.of(new PredictionRow("a", 65, 970, 230, 1, 2)),
                csv("filename,top5\na,\"[65, 970, 230, 1, 2]\"\n").rows());
    }

    @Test
    void csvErrorsNameTheFileAndLine() {
        assertEquals("p.csv has no 'filename' or 'key' column (found: name, top5)",
                assertThrows(IllegalArgumentException.class, () -> csv("name,top5\na,1\n")).getMessage());
        assertEquals("p.csv has no 'top5' or 'label' column (found: filename, labels)",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,labels\na,1\n")).getMessage());
        assertEquals("p.csv line 3: 'x' is not a label",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,top5\na,1 2 3 4 5\nb,1 x\n")).getMessage());
        assertEquals("p.csv line 2 has 3 fields, the header 2",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,top5\na,1,2\n")).getMessage());
        assertEquals("p.csv line 2: its top5 holds 1 label: give the 5 best, best first, or name the column label",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,top5\na,65\n")).getMessage());
        assertEquals("p.csv line 2 has no label",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,label\na,\n")).getMessage());
        assertEquals("p.csv line 2 has an unclosed quote",
                assertThrows(IllegalArgumentException.class, () -> csv("filename,label\n\"a,1\n")).getMessage());
        assertEquals("p.csv is empty: a CSV header (filename,top5) is expected",
                assertThrows(IllegalArgumentException.class, () -> csv("")).getMessage());
    }

    @Test
    void jsonLinesTop5OrLabelByFileNameOrKey() throws IOException {
        PredictionTable t = jsonl("{\"filename\": \"ILSVRC2012_val_00000001.JPEG\", \"top5\": [65, 970, 230, 1, 2], \"p\": 0.5}\n"
                + "\n{\"filename\": \"ILSVRC2012_val_00000002.JPEG\", \"top5\": [3, 4, 5, 6, 7]}\n");
        assertFalse(t.byKey());
        assertEquals(List.of(new PredictionRow("ILSVRC2012_val_00000001.JPEG", 65, 970, 230, 1, 2),
                new PredictionRow("ILSVRC2012_val_00000002.JPEG", 3, 4, 5, 6, 7)), t.rows());
        PredictionTable byKey = jsonl("{\"key\": \"n01440764_1\", \"label\": 0}\n");
        assertTrue(byKey.byKey());
        assertEquals(List.of(new PredictionRow("n01440764_1", 0)), byKey.rows());
    }

    @Test
    void jsonLinesErrorsNameTheFileAndLine() {
        String notJson = assertThrows(IllegalArgumentException.class, () -> jsonl("x\n")).getMessage();
        assertTrue(notJson.startsWith("p.jsonl line 1 is not valid JSON: ") && !notJson.contains("\n"), notJson);
        assertEquals("p.jsonl line 1 is not a JSON object",
                assertThrows(IllegalArgumentException.class, () -> jsonl("[1]\n")).getMessage());
        assertEquals("p.jsonl line 2 has no 'top5' list",
                assertThrows(IllegalArgumentException.class,
                        () -> jsonl("{\"filename\": \"a\", \"top5\": [1, 2, 3, 4, 5]}\n{\"filename\": \"b\", \"label\": 1}\n"))
                        .getMessage());
        assertEquals("p.jsonl line 1: top5 holds \"1\", not a label",
                assertThrows(IllegalArgumentException.class, () -> jsonl("{\"filename\": \"a\", \"top5\": [\"1\"]}\n")).getMessage());
        assertEquals("p.jsonl line 1 has no text 'filename'",
                assertThrows(IllegalArgumentException.class, () -> jsonl("{\"filename\": 3, \"label\": 1}\n")).getMessage());
    }

    @Test
    void keyedRowsAreCheckedByTheValidatorLikeAnyOther() throws IOException {
        PredictionTable t = csv("filename,label\na,1\na,2\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PredictionValidator.validate(t.rows(), List.of("a", "b"), 3, "p.csv"));
        assertEquals("p.csv does not fit the 2 samples evaluated (2 rows): 1 missing (b), 1 repeated (a)", e.getMessage());
    }
}
