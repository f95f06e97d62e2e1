package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClassSelectorTest {

    private static final Map<String, Long> COUNTS = Map.of(
            "n00000005", 50L, "n00000001", 30L, "n00000004", 30L, "n00000002", 30L, "n00000003", 10L, "n00000009", 0L);

    @Test
    void topKBreaksTiesBySynsetIdAndReportsTheSplitTie() {
        Selection s = ClassSelector.topK(COUNTS, 3);
        // 50, then three synsets at 30 for two places: the lower ids win
        assertEquals(List.of("n00000001", "n00000002", "n00000005"), s.synsets());
        assertEquals(30, s.cutoffCount());
        assertTrue(s.tieSplit());
        assertEquals(5, s.candidates());
        assertEquals(0, s.labelOf("n00000001"));
        assertEquals(2, s.labelOf("n00000005"));
        assertEquals(List.of(30L, 30L, 50L), s.usableCounts());
    }

    @Test
    void moreThanFilesCutsStrictlyAboveTheFileCountWhateverTheUsableCount() {
        // files before any image rule decide; the usable counts (what the split plans with) are carried
        Map<String, Long> files = Map.of("n00000001", 500L, "n00000002", 501L, "n00000003", 900L, "n00000004", 501L,
                "n00000005", 499L);
        Map<String, Long> usable = Map.of("n00000001", 500L, "n00000002", 480L, "n00000003", 899L, "n00000004", 0L,
                "n00000005", 499L);
        Selection s = ClassSelector.moreThanFiles(usable, files, 500);
        assertEquals(List.of("n00000002", "n00000003"), s.synsets(), "500 files out, 501 in; none usable: out");
        assertEquals(List.of(480L, 899L), s.usableCounts());
        assertEquals(501, s.cutoffCount());
        assertFalse(s.tieSplit());
        assertEquals(4, s.candidates());
        assertEquals(s, new org.imagenetwds.recipe.ClassChoice.MoreThanFiles(500).choose(usable, files, source -> null));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ClassSelector.moreThanFiles(usable, files, 900))
                .getMessage().contains("no synset has more than 900 files"));
    }

    @Test
    void noTieSplitWhenTheBoundaryFallsBetweenCounts() {
        Selection s = ClassSelector.topK(COUNTS, 4);
        assertEquals(List.of("n00000001", "n00000002", "n00000004", "n00000005"), s.synsets());
        assertFalse(s.tieSplit());
    }

    @Test
    void minPerClassTakesEverySynsetAtOrAboveTheBar() {
        Selection s = ClassSelector.minPerClass(COUNTS, 30);
        assertEquals(List.of("n00000001", "n00000002", "n00000004", "n00000005"), s.synsets());
        assertEquals(30, s.cutoffCount());
    }

    @Test
    void askingForMoreClassesThanHaveImagesIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassSelector.topK(COUNTS, 6));
        assertTrue(e.getMessage().contains("5"), e.getMessage());
    }

    @Test
    void selectionRoundTripsThroughJson() throws IOException {
        Selection s = ClassSelector.topK(COUNTS, 3);
        assertEquals(s, Selection.parse(s.toJson()));
    }
}
