package org.imagenetwds.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
                        OutputFormat.WEBDATASET));
        for (Recipe r : recipes) {
            Recipe back = Recipe.parse(r.datasetName(), r.recorded());
            assertEquals(r.withShards(r.shards()).recorded(), back.recorded());
            assertEquals(r.datasetName(), back.datasetName());
            assertEquals(r.classes(), back.classes());
            assertEquals(r.validation(), back.validation());
            assertEquals(r.images(), back.images());
            assertEquals(r.format(), back.format());
        }
        assertEquals("imagenet1k_1pct", recipes.get(1).datasetName());
        assertEquals("mine_2p5pct", recipes.get(3).datasetName());
        assertEquals("imagenet12k_synsets", recipes.get(2).recorded().get("classes_file"));
        assertEquals("ilsvrc2012-devkit", recipes.get(1).recorded().get("validation"));
        assertEquals(0, recipes.get(1).recorded().get("max_short_edge"));
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
    }
}
