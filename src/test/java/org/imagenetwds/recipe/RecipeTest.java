package org.imagenetwds.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.plan.ShardLayout;
import org.junit.jupiter.api.Test;

class RecipeTest {

    @Test
    void anImagenet12kBuildRecordsExactlyTheKeysItAlwaysHad() {
        Map<String, Object> recorded = Presets.of(Presets.IMAGENET_12K).recorded();
        assertEquals(List.of("tool", "classes", "min_per_class", "val_per_class", "train_shards", "val_shards", "min_edge",
                "max_short_edge", "jpeg_quality", "max_pixels", "seed"), new ArrayList<>(recorded.keySet()));
        assertEquals(List.of("imagenet-wds", 11821, 0, 40, 1024, 512, 48, 600, 90, 178956970L, 42L),
                new ArrayList<>(recorded.values()));
    }

    @Test
    void theImagenet21kPPresetIsItsAuthorsScriptAsData() {
        Recipe p = Presets.of(Presets.IMAGENET_21K_P);
        assertEquals(new ClassChoice.MoreThanFiles(500), p.classes());
        assertEquals(new ValidationSource.HeldOut(50, org.imagenetwds.plan.HoldoutOrder.NAME), p.validation());
        assertEquals(org.imagenetwds.image.ResizeRule.SQUASH, p.images().resize());
        assertEquals(224, p.images().maxShortEdge());
        Map<String, Object> recorded = p.recorded();
        assertEquals("more_than_files", recorded.get("classes"));
        assertEquals(500, recorded.get("more_than_files"));
        assertEquals("name", recorded.get("val_order"));
        assertEquals("squash", recorded.get("resize"));
        assertEquals(List.of(new PublishedCounts("fall11", 11_221, 11_797_632, 561_052),
                new PublishedCounts("winter21", 10_450, 11_060_223, 522_500)), Presets.published(Presets.IMAGENET_21K_P));
        assertEquals(List.of(), Presets.published(Presets.IMAGENET_12K));
    }

    @Test
    void aWebpBuildRecordsItsImageFormatAndReadsItBack() {
        Recipe twelveK = Presets.of(Presets.IMAGENET_12K);
        Recipe webp = new Recipe(twelveK.name(), twelveK.classes(), twelveK.validation(), twelveK.subset(),
                twelveK.images().withEncoding(ImageEncoding.WEBP), twelveK.shards(), true, twelveK.seed(), twelveK.format());
        Map<String, Object> recorded = webp.recorded();
        assertEquals("webp", recorded.get("image_format"));
        assertEquals(twelveK.recorded().size() + 1, recorded.size());
        assertEquals(ImageEncoding.WEBP, Recipe.parse(webp.datasetName(), recorded).images().encoding());
        assertEquals(ImageEncoding.JPEG, Recipe.parse(twelveK.datasetName(), twelveK.recorded()).images().encoding());
    }

    @Test
    void whatARecipeRecordsParsesBackToTheSameRecipe() {
        Recipe oneK = Presets.of(Presets.IMAGENET_1K);
        List<Recipe> recipes = List.of(Presets.of(Presets.IMAGENET_12K),
                new Recipe(oneK.name(), oneK.classes(), oneK.validation(), new TrainSubset.Listed("1pct", "1pct"),
                        oneK.images(), new ShardLayout(10, 64), false, 7, OutputFormat.IMAGEFOLDER),
                new Recipe("listed", new ClassChoice.Listed("imagenet12k_synsets", "imagenet12k_synsets"),
                        new ValidationSource.HeldOut(40), new TrainSubset.Whole(), ImageRules.defaults(),
                        new ShardLayout(1024, 512), true, 42, OutputFormat.WEBDATASET),
                new Recipe("mine", new ClassChoice.MinPerClass(100), new ValidationSource.HeldOut(5),
                        new TrainSubset.Fraction(0.025), new ImageRules(32, 768, 95, 1000), new ShardLayout(3, 2), false, 1,
                        OutputFormat.WEBDATASET),
                Presets.of(Presets.IMAGENET_22K), Presets.of(Presets.IMAGENET_W21),
                Presets.of(Presets.IMAGENET_22K).withView(new ClassView("12k",
                        new ClassChoice.Listed("imagenet12k_synsets", "imagenet12k_synsets"))),
                Presets.of(Presets.IMAGENET_21K_P), Presets.of(Presets.IMAGENET_1K).withDedup(DuplicateKind.EXACT),
                Presets.of(Presets.IMAGENET_12K).withDedup(DuplicateKind.NEAR),
                Presets.of(Presets.IMAGENET_12K).withDecontaminate(org.imagenetwds.duplicates.EvaluationSet.parseList(
                        "s3a://b/ILSVRC2012_img_val.tar,/data/imagenetv2-matched-frequency")));
        for (Recipe r : recipes) {
            Recipe back = Recipe.parse(r.datasetName(), r.recorded());
            assertEquals(r.withShards(r.shards()).recorded(), back.recorded());
            assertEquals(r.datasetName(), back.datasetName());
            assertEquals(r.classes(), back.classes());
            assertEquals(r.validation(), back.validation());
            assertEquals(r.images(), back.images());
            assertEquals(r.decontaminate().stream().map(org.imagenetwds.duplicates.EvaluationSet::name).toList(),
                    back.decontaminate().stream().map(org.imagenetwds.duplicates.EvaluationSet::name).toList());
            assertEquals(r.format(), back.format());
            assertEquals(r.view(), back.view());
            assertEquals(r.dedup(), back.dedup());
            assertEquals(r.shards(), back.shards());
        }
        assertEquals("imagenet1k_1pct", recipes.get(1).datasetName());
        assertEquals("mine_2p5pct", recipes.get(3).datasetName());
        assertEquals("imagenet12k_synsets", recipes.get(2).recorded().get("classes_file"));
        assertEquals("ilsvrc2012-devkit", recipes.get(1).recorded().get("validation"));
        assertEquals(0, recipes.get(1).recorded().get("max_short_edge"));
        assertEquals(Map.of("name", "12k", "classes", 11_821, "min_per_class", 0), recipes.get(4).recorded().get("view"));
        assertEquals(Map.of("name", "12k", "classes", "listed", "min_per_class", 0, "classes_file", "imagenet12k_synsets"),
                recipes.get(6).recorded().get("view"));
        assertEquals("none", recipes.get(5).recorded().get("validation"));
        assertEquals(0, recipes.get(5).recorded().get("val_shards"));
    }

    @Test
    void thePresetsSideBySide() {
        Recipe twelve = Presets.of(Presets.IMAGENET_12K);
        Recipe twentyTwo = Presets.of(Presets.IMAGENET_22K);
        Recipe w21 = Presets.of(Presets.IMAGENET_W21);
        // the 22k build's view is chosen, held out and imaged exactly as the 12k build
        assertEquals(twelve.classes(), twentyTwo.view().classes());
        assertEquals(twelve.validation(), twentyTwo.validation());
        assertEquals(twelve.images(), twentyTwo.images());
        assertEquals(twelve.seed(), twentyTwo.seed());
        assertEquals(twelve.shards().validationShards(), twentyTwo.shards().validationShards());
        assertEquals(new ClassChoice.AllOfInput(), twentyTwo.classes());
        assertEquals(new ShardLayout(4096, 512), twentyTwo.shards());
        assertEquals(new ShardLayout(4096, 0), w21.shards());
        assertEquals(List.of("train"), w21.shards().splits());
        assertEquals(32, w21.images().minEdge());
        assertEquals(768, w21.images().maxShortEdge());
        assertEquals(new ValidationSource.TrainOnly(), w21.validation());
        assertEquals(null, twelve.view());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Presets.of("imagenet99k")).getMessage()
                .contains("available: imagenet12k, imagenet1k"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TrainSubset.Fraction(1.5)).getMessage()
                .contains("--subset-fraction"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ValidationSource.HeldOut(0)).getMessage()
                .contains("--val-per-class"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Recipe.parse("x", Map.of("classes", "lots"))).getMessage().contains("not this version's"));
        Recipe w21 = Presets.of(Presets.IMAGENET_W21);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Recipe(w21.name(), w21.classes(),
                w21.validation(), w21.subset(), w21.images(), new ShardLayout(10, 2), true, 1, OutputFormat.WEBDATASET))
                .getMessage().contains("a train-only dataset has no validation shards"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Recipe("x", w21.classes(),
                new ValidationSource.HeldOut(2), w21.subset(), w21.images(), w21.shards(), true, 1, OutputFormat.WEBDATASET))
                .getMessage().contains("--val-shards must be positive"));
        Recipe twentyTwo = Presets.of(Presets.IMAGENET_22K);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Recipe(twentyTwo.name(), twentyTwo.classes(),
                twentyTwo.validation(), twentyTwo.subset(), twentyTwo.images(), twentyTwo.shards(), true, 1,
                OutputFormat.IMAGEFOLDER, java.util.Set.of(), twentyTwo.view())).getMessage().contains("no json to carry label_12k"));
    }
}
