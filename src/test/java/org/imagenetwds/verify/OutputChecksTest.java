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
        return new ShardCheck("validation", "imagenet1k-validation-0000.tar", labels.size(), 0, List.of(), labels, null);
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
        checks.accounting(new BuildStats(5, Map.of("train", 2L, "validation", 2L), Map.of(), 0, 2, 1, false, Map.of(), null), 4, 0);
        assertEquals(List.of("shard imagenet1k-validation-0000.tar listed in _info.json is missing",
                "tar stray.tar is in the output but not in _info.json",
                "stats.json: input_members 5 != written 4 + rejected 0 + unselected 0"), checks.report().problems());
    }

    @Test
    void aClassViewsSplitsCountItsSamplesOfTheSameShardsAndItsValidationIsHeldOutOfItsClassesOnly() {
        Recipe twentyTwo = Presets.of(Presets.IMAGENET_22K).withShards(new ShardLayout(1, 1));
        String train = "imagenet22k-train-0000.tar";
        String val = "imagenet22k-validation-0000.tar";
        DatasetInfo info = new DatasetInfo("imagenet22k", List.of(
                new DatasetInfo.SplitInfo("train", List.of(train), List.of(5L)),
                new DatasetInfo.SplitInfo("validation", List.of(val), List.of(2L)),
                new DatasetInfo.SplitInfo("train_12k", List.of(train), List.of(4L), "label_12k"),
                new DatasetInfo.SplitInfo("validation_12k", List.of("imagenet22k-validation-9999.tar"), List.of(2L), "label_12k")),
                3, twentyTwo);
        OutputChecks checks = new OutputChecks(info);
        assertEquals(2, checks.fileSet(Map.of(train, 10L, val, 10L)).size(), "each shard is read once");
        checks.shards(List.of(new ShardCheck("train", train, 5, 3, List.of(), Map.of(), null),
                new ShardCheck("validation", val, 2, 2, List.of(), Map.of("v1", 0, "v2", 1), null)));
        // held out of the view's 2 classes, one sample each; a sample outside the view is wrong
        checks.validation(List.of("n1", "n3"), List.of(new ShardCheck("validation", val, 2, 2, List.of(),
                Map.of("v1", 0, "v2", 1, "v3", -1), null)), Map.of(), Map.of(), 0);
        assertEquals(List.of("split validation_12k does not list the shards of validation",
                train + " holds 3 samples of train_12k, _info.json says 4",
                "class 0 has 1 validation samples, expected 40", "class 1 has 1 validation samples, expected 40",
                "1 validation samples are outside the 12k view's classes"), checks.report().problems());
    }
}
