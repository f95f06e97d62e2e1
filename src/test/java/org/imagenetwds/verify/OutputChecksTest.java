package org.imagenetwds.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.Recipe;
import org.junit.jupiter.api.Test;

class OutputChecksTest {

    private static DatasetInfo info(Recipe recipe) {
        return new DatasetInfo("imagenet1k", List.of(
                new DatasetInfo.SplitInfo("train", List.of("imagenet1k-train-0000.tar"), List.of(2L)),
                new DatasetInfo.SplitInfo("validation", List.of("imagenet1k-validation-0000.tar"), List.of(2L))),
                2, recipe.withShards(new ShardLayout(1, 1)));
    }

    private static ShardCheck validation(Map<String, Integer> labels) {
        return new ShardCheck("validation", "imagenet1k-validation-0000.tar", labels.size(), List.of(), labels);
    }

    @Test
    void aGivenValidationSetMustCarryEveryGroundTruthLabel() {
        Map<String, Integer> truth = Map.of("ILSVRC2012_val_00000001", 1, "ILSVRC2012_val_00000002", 0,
                "ILSVRC2012_val_00000003", 1);
        OutputChecks good = new OutputChecks(info(Presets.of(Presets.IMAGENET_1K)));
        // image 3 was rejected: excused by the count
        good.validation(List.of("n1", "n2"), List.of(validation(Map.of("ILSVRC2012_val_00000001", 1,
                "ILSVRC2012_val_00000002", 0))), Map.of(), truth, 1);
        assertTrue(good.report().ok(), good.report().render());

        OutputChecks bad = new OutputChecks(info(Presets.of(Presets.IMAGENET_1K)));
        bad.validation(List.of("n1", "n2"), List.of(validation(Map.of("ILSVRC2012_val_00000001", 0,
                "ILSVRC2012_val_00000002", 0))), Map.of(), truth, 0);
        assertEquals(List.of("validation sample ILSVRC2012_val_00000001 has label 0, the ground truth says 1",
                "validation holds 2 samples and 0 were rejected, the ground truth has 3 images"), bad.report().problems());
    }

    @Test
    void aHeldOutSplitNeedsItsCountPerClassUnlessWriteRejectedTheImages() {
        Recipe twelveK = Presets.of(Presets.IMAGENET_12K);
        Recipe two = new Recipe(twelveK.name(), twelveK.classes(), new org.imagenetwds.recipe.ValidationSource.HeldOut(2),
                twelveK.subset(), twelveK.images(), twelveK.shards(), false, 42, twelveK.format());
        OutputChecks checks = new OutputChecks(info(two));
        checks.validation(List.of("n1", "n2"), List.of(validation(Map.of("a", 0, "b", 0, "c", 1))), Map.of("n2", 1L),
                Map.of(), 0);
        assertTrue(checks.report().ok(), checks.report().render());
        checks = new OutputChecks(info(two));
        checks.validation(List.of("n1", "n2"), List.of(validation(Map.of("a", 0, "b", 0, "c", 1))), Map.of(), Map.of(), 0);
        assertEquals(List.of("class 1 has 1 validation samples, expected 2"), checks.report().problems());
    }

    @Test
    void theAccountingIdentityAndTheFileSetAreChecked() {
        OutputChecks checks = new OutputChecks(info(Presets.of(Presets.IMAGENET_1K)));
        List<OutputChecks.ShardFile> toRead = checks.fileSet(Map.of("imagenet1k-train-0000.tar", 10L, "stray.tar", 3L));
        assertEquals(List.of(new OutputChecks.ShardFile("train", "imagenet1k-train-0000.tar", 10)), toRead);
        checks.accounting(new BuildStats(5, Map.of("train", 2L, "validation", 2L), Map.of(), 0, 2, 1, false), 4, 0);
        assertEquals(List.of("shard imagenet1k-validation-0000.tar listed in _info.json is missing",
                "tar stray.tar is in the output but not in _info.json",
                "stats.json: input_members 5 != written 4 + rejected 0 + unselected 0"), checks.report().problems());
    }
}
