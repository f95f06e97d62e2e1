package org.imagenetwds.spark.stages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.imagenetwds.inventory.MemberNaming;
import org.imagenetwds.spark.WorkTables;
import org.imagenetwds.spark.io.SourceUnit;
import org.junit.jupiter.api.Test;

class CountStageTest {

    private static final SourceUnit DOG = SourceUnit.ofSynset("n02084071", SourceUnit.Kind.TAR, "/in/n02084071.tar", 0, 900);
    private static final SourceUnit CAT_A = SourceUnit.ofSynset("n02121808", SourceUnit.Kind.TAR, "/in/outer.tar", 512, 400);
    private static final SourceUnit CAT_B = SourceUnit.ofSynset("n02121808", SourceUnit.Kind.TAR, "/in/outer.tar", 2048, 300);

    @Test
    void aUnitReportedTwiceByARetriedTaskCountsOnceAndUnitsOfOneSynsetAddUp() {
        List<WorkTables.SynsetCount> counts = CountStage.perSynset(List.of(CAT_A, CAT_B, DOG), List.of(
                unit(DOG, 9, 7),
                unit(CAT_A, 4, 4),
                unit(DOG, 9, 7), // the same task, retried
                unit(CAT_B, 3, 1)));

        assertEquals(List.of(new WorkTables.SynsetCount("n02084071", 9, 7, 0), new WorkTables.SynsetCount("n02121808", 7, 5, 0)),
                counts);
    }

    @Test
    void aGivenValidationRunCountsEachImageUnderItsOwnSynset() {
        SourceUnit run = new SourceUnit("ILSVRC2012_val_00000001.JPEG", SourceUnit.Kind.TAR, "/in/val.tar", 0, 2048,
                new MemberNaming.Labelled("validation", Map.of("ILSVRC2012_val_00000001.JPEG", "n02084071",
                        "ILSVRC2012_val_00000002.JPEG", "n02121808")), "validation", List.of());
        List<WorkTables.SynsetCount> counts = CountStage.perSynset(List.of(DOG, run), List.of(unit(DOG, 9, 7),
                new CountStage.UnitCount(run, List.of(new WorkTables.SynsetCount("n02084071", 1, 1, 1),
                        new WorkTables.SynsetCount("n02121808", 1, 0, 0)))));
        assertEquals(List.of(new WorkTables.SynsetCount("n02084071", 10, 8, 1), new WorkTables.SynsetCount("n02121808", 1, 0, 0)),
                counts);
    }

    private static CountStage.UnitCount unit(SourceUnit unit, long members, long usable) {
        return new CountStage.UnitCount(unit, List.of(new WorkTables.SynsetCount(unit.name(), members, usable, 0)));
    }

    @Test
    void aUnitNoTaskReportedIsAnErrorNamingIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> CountStage.perSynset(
                List.of(DOG, CAT_A), List.of(unit(DOG, 9, 7))));
        assertTrue(e.getMessage().contains("/in/outer.tar") && e.getMessage().contains("offset 512"), e.getMessage());
    }

    @Test
    void tasksAreDealtLargestFirstToTheLeastLoaded() {
        List<List<SourceUnit>> tasks = CountStage.balance(List.of(CAT_B, DOG, CAT_A), 2);
        assertEquals(List.of(List.of(DOG), List.of(CAT_A, CAT_B)), tasks);
    }
}
