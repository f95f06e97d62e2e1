package org.imagenetwds.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.Recipe;
import org.junit.jupiter.api.Test;

class DatasetInfoTest {

    private static DatasetInfo info() {
        return new DatasetInfo("imagenet12k", List.of(
                new DatasetInfo.SplitInfo("train", List.of("imagenet12k-train-0000.tar", "imagenet12k-train-0001.tar"),
                        List.of(3L, 2L)),
                new DatasetInfo.SplitInfo("validation", List.of("imagenet12k-validation-0000.tar"), List.of(4L))),
                2, Presets.of(Presets.IMAGENET_12K));
    }

    @Test
    void jsonHasTheShapeTimmReads() throws IOException {
        JsonNode root = new ObjectMapper().readTree(info().toJson());
        assertEquals("imagenet12k", root.get("name").asText());
        JsonNode train = root.get("splits").get("train");
        assertEquals("train", train.get("name").asText());
        assertEquals(5, train.get("num_samples").asLong());
        assertEquals("imagenet12k-train-0001.tar", train.get("filenames").get(1).asText());
        assertEquals(2, train.get("shard_lengths").get(1).asLong());
        assertEquals(4, root.get("splits").get("validation").get("num_samples").asLong());
        assertFalse(new String(info().toJson(), StandardCharsets.UTF_8).contains("s3a://"));
    }

    @Test
    void jsonParsesBackAndYamlCarriesTheSameFields() throws IOException {
        assertEquals(info().splits(), DatasetInfo.parse(info().toJson()).splits());
        assertEquals(info().recipe().recorded(), DatasetInfo.parse(info().toJson()).recipe().recorded());
        String yaml = new String(info().toYaml(), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("num_samples: 5"), yaml);
        assertTrue(yaml.contains("- imagenet12k-validation-0000.tar"), yaml);
    }

    @Test
    void labelSetsAreRecordedOnlyWhenAttachedAndParseBack() throws IOException {
        assertFalse(info().recipe().recorded().containsKey("label_sets"));
        Recipe oneK = Presets.of(Presets.IMAGENET_1K).withLabelSets(Set.of(LabelSet.MULTILABEL, LabelSet.REAL));
        DatasetInfo withSets = new DatasetInfo("imagenet1k", info().splits(), 2, oneK);
        assertEquals(List.of("real", "multilabel"), oneK.recorded().get("label_sets"));
        assertEquals(oneK.labelSets(), DatasetInfo.parse(withSets.toJson()).recipe().labelSets());
    }

    @Test
    void statsAccountingIdentity() throws IOException {
        BuildStats ok = new BuildStats(10, Map.of("train", 5L, "validation", 2L), Map.of("too_small", 1L), 2, 2, 3, false, Map.of(), null);
        assertTrue(ok.identityHolds());
        assertEquals(ok, BuildStats.parse(ok.toJson()));
        assertFalse(new BuildStats(11, Map.of("train", 5L), Map.of(), 2, 2, 3, false, Map.of(), null).identityHolds());
    }
}
