package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TrainSubsetRuleTest {

    /** 1,000 classes of ~1,300 images: the 1 % share is balanced as SimCLR's list is (13 or 12 per class). */
    @Test
    void aOnePercentShareOfImagenet1kHasTheShapeOfSimclrsList() {
        Map<String, Long> trainUsable = new LinkedHashMap<>();
        for (int i = 0; i < 1000; i++) {
            trainUsable.put(String.format("n%08d", i), i < 167 ? 1281L : 1300L); // 1,296,827 in all
        }
        TrainSubsetRule rule = TrainSubsetRule.fraction(0.01, 42, trainUsable);
        assertEquals(Math.round(0.01 * 1_296_827), rule.expectedTrain(1_296_827));
        Map<Integer, Integer> classesByQuota = new LinkedHashMap<>();
        for (String synset : trainUsable.keySet()) {
            int kept = 0;
            for (int rank = 0; rank < 20; rank++) {
                kept += rule.keeps(synset, rank, synset + "_" + rank + ".JPEG") ? 1 : 0;
            }
            classesByQuota.merge(kept, 1, Integer::sum);
        }
        assertEquals(Map.of(13, 968, 12, 32), classesByQuota); // 12,968 = 1000 x 12 + 968
    }

    @Test
    void aShareNeverAsksAClassForMoreThanItHasAndASeedMovesTheExtraOnes() {
        Map<String, Long> trainUsable = Map.of("n00000001", 1L, "n00000002", 10L, "n00000003", 10L);
        TrainSubsetRule rule = TrainSubsetRule.fraction(0.5, 1, trainUsable);
        assertFalse(rule.keeps("n00000001", 1, "x"));
        long kept = 0;
        for (String s : trainUsable.keySet()) {
            for (int rank = 0; rank < 10; rank++) {
                kept += rule.keeps(s, rank, "x") ? 1 : 0;
            }
        }
        assertEquals(rule.expectedTrain(21), kept);
    }

    /** A view's classes and the others are shared apart: the view's quotas are those of the view alone. */
    @Test
    void groupsAreSharedApartAndAGroupsQuotasAreItsOwn() {
        Map<String, Long> view = new LinkedHashMap<>();
        Map<String, Long> others = new LinkedHashMap<>();
        for (int i = 0; i < 7; i++) {
            view.put(String.format("n%08d", i), 30L + i);
            others.put(String.format("n%08d", 100 + i), 3L);
        }
        TrainSubsetRule alone = TrainSubsetRule.fraction(0.3, 42, view);
        TrainSubsetRule apart = TrainSubsetRule.fraction(0.3, 42, java.util.List.of(view, others));
        TrainSubsetRule together = TrainSubsetRule.fraction(0.3, 42, join(view, others));
        boolean differsTogether = false;
        for (String synset : view.keySet()) {
            for (int rank = 0; rank < 40; rank++) {
                assertEquals(alone.keeps(synset, rank, "x"), apart.keeps(synset, rank, "x"), synset + " " + rank);
                differsTogether |= alone.keeps(synset, rank, "x") != together.keeps(synset, rank, "x");
            }
        }
        assertTrue(differsTogether, "one share over both groups gives the view other quotas");
        assertEquals(alone.expectedTrain(-1) + Math.round(0.3 * 21), apart.expectedTrain(-1));
    }

    private static Map<String, Long> join(Map<String, Long> a, Map<String, Long> b) {
        Map<String, Long> all = new LinkedHashMap<>(a);
        all.putAll(b);
        return all;
    }

    @Test
    void aListKeepsItsFilesByBaseName() {
        TrainSubsetRule rule = TrainSubsetRule.listed(Set.of("n01440764_10026.JPEG"));
        assertTrue(rule.keeps("n01440764", 99, "train/n01440764/n01440764_10026.JPEG"));
        assertFalse(rule.keeps("n01440764", 0, "n01440764_10027.JPEG"));
        assertEquals(-1, rule.expectedTrain(10));
        assertTrue(TrainSubsetRule.whole().keeps("n01440764", 5, "any"));
    }

    @Test
    void shardLayoutNumbersTrainFirstAndScalesASubsetsTrainShards() {
        ShardLayout layout = new ShardLayout(1024, 64);
        assertEquals(1024, layout.globalShard(ShardLayout.VALIDATION, 0));
        assertEquals(ShardLayout.VALIDATION, layout.splitOf(1087));
        assertEquals(63, layout.shardOf(1087));
        assertEquals("imagenet1k-validation-0063.tar", layout.shardNameOf("imagenet1k", 1087));
        assertEquals(10, layout.scaledTrain(12_811, 1_281_167).trainShards());
        assertEquals(102, layout.scaledTrain(128_116, 1_281_167).trainShards());
        assertEquals(layout, layout.scaledTrain(5, 5));
    }
}
