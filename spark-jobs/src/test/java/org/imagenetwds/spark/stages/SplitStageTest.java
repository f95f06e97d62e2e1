package org.imagenetwds.spark.stages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class SplitStageTest {

    @Test
    void partitionsNumberTheirSamplesOnFromTheEndOfThePreviousRangeOfTheirSplit() {
        // two hash ranges per split: train 3 + 4, validation 2 + 0
        assertArrayEquals(new long[] {0, 3, 0, 2}, SplitStage.firstIndexOfEachPartition(List.of(3L, 4L, 2L, 0L), 2));
        assertArrayEquals(new long[] {7, 2}, SplitStage.partTotals(List.of(3L, 4L, 2L, 0L), 2, 2));
    }

    @Test
    void aSplitOfAnotherSizeThanTheSelectionPromisedIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> SplitStage.check("train", 7, 8));
        assertTrue(e.getMessage().contains("train has 7 samples, the selection promised 8"), e.getMessage());
    }
}
