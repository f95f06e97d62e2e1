package org.imagenetwds.spark.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.imagenetwds.spark.io.SourceUnit;
import org.junit.jupiter.api.Test;

class CountStageTest {

    private static final SourceUnit DOG = new SourceUnit("n02084071", SourceUnit.Kind.TAR, "/in/n02084071.tar", 0, 900);
    private static final SourceUnit CAT_A = new SourceUnit("n02121808", SourceUnit.Kind.TAR, "/in/outer.tar", 512, 400);
    private static final SourceUnit CAT_B = new SourceUnit("n02121808", SourceUnit.Kind.TAR, "/in/outer.tar", 2048, 300);

    @Test
    void aUnitReportedTwiceByARetriedTaskCountsOnceAndUnitsOfOneSynsetAddUp() {
        List<CountStage.SynsetCount> counts = CountStage.perSynset(List.of(CAT_A, CAT_B, DOG), List.of(
                new CountStage.UnitCount(DOG, 9, 7),
                new CountStage.UnitCount(CAT_A, 4, 4),
                new CountStage.UnitCount(DOG, 9, 7), // the same task, retried
                new CountStage.UnitCount(CAT_B, 3, 1)));

        assertEquals(List.of(new CountStage.SynsetCount("n02084071", 9, 7), new CountStage.SynsetCount("n02121808", 7, 5)),
                counts);
    }

    @Test
    void aUnitNoTaskReportedIsAnErrorNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CountStage.perSynset(
                List.of(DOG, CAT_A), List.of(new CountStage.UnitCount(DOG, 9, 7))));
        assertTrue(e.getMessage().contains("/in/outer.tar") && e.getMessage().contains("offset 512"), e.getMessage());
    }

    @Test
    void tasksAreDealtLargestFirstToTheLeastLoaded() {
        List<List<SourceUnit>> tasks = CountStage.balance(List.of(CAT_B, DOG, CAT_A), 2);
        assertEquals(List.of(List.of(DOG), List.of(CAT_A, CAT_B)), tasks);
    }
}
