package org.imagenetwds.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class FullShapePlanTest {

    private static final Path META = Path.of(System.getProperty("imagenetwds.shared", "../../shared"),
            "data", "imagenet-meta");

    @Test
    void theRealTablesGiveThe12kClassesTheirCountsAndATailBelowThemSummingToTheRestOfFall11() throws IOException {
        assumeTrue(Files.isDirectory(META), "needs ../shared/data/imagenet-meta");
        List<String> synsets = Files.readAllLines(META.resolve("imagenet22k_synsets.txt"));
        Map<String, Integer> train = FullShapeCorpus.trainCounts(META.resolve("frequency_12k.json"));
        assertEquals(11_821, train.size());

        FullShapePlan plan = FullShapePlan.of(synsets, train, 4, 7);

        assertEquals(new ArrayList<>(synsets), new ArrayList<>(plan.usable().keySet()), "all 21,841 WNIDs, in WNID order");
        long in12k = 0;
        long tail = 0;
        for (Map.Entry<String, Integer> e : plan.usable().entrySet()) {
            Integer t = train.get(e.getKey());
            if (t != null) {
                assertEquals((t + 40 + 3) / 4, e.getValue(), e.getKey());
                in12k += e.getValue();
            } else {
                assertTrue(e.getValue() >= 1 && e.getValue() < plan.smallest12k(), e.getKey() + ": " + e.getValue());
                tail += e.getValue();
            }
        }
        assertEquals(110, plan.smallest12k()); // (400 + 40) / 4: every class still has its 40 validation images
        assertEquals(3_155_076, in12k);
        assertEquals((14_197_122 - 12_602_527 + 3) / 4, tail);
    }

    @Test
    void theTailHitsItsTotalExactlyWithinItsBounds() {
        for (long total : new long[] {10, 55, 100, 400}) {
            int[] counts = FullShapePlan.longTail(10, total, 40, new Random(1));
            assertEquals(total, Arrays.stream(counts).asLongStream().sum());
            assertTrue(Arrays.stream(counts).allMatch(c -> c >= 1 && c <= 40), Arrays.toString(counts));
        }
        assertThrows(IllegalArgumentException.class, () -> FullShapePlan.longTail(10, 401, 40, new Random(1)));
        assertThrows(IllegalArgumentException.class, () -> FullShapePlan.longTail(10, 9, 40, new Random(1)));
    }

    @Test
    void aDivisorBelowOneIsRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FullShapePlan.of(List.of("n00000001"), Map.of("n00000001", 10), 0, 7));
        assertTrue(e.getMessage().contains("--divide"), e.getMessage());
    }
}
