package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ShardPlannerTest {

    @Test
    void shardsAreContiguousCoverEverySampleAndDifferByAtMostOne() {
        long[] sizes = {0, 1, 7, 16, 100, 1023, 4736, 12_129_687};
        int[] shardCounts = {1, 4, 16, 1024};
        for (long n : sizes) {
            for (int shards : shardCounts) {
                ShardPlanner p = new ShardPlanner(n, shards);
                long min = Long.MAX_VALUE;
                long max = 0;
                long total = 0;
                for (int k = 0; k < shards; k++) {
                    min = Math.min(min, p.size(k));
                    max = Math.max(max, p.size(k));
                    total += p.size(k);
                    if (p.size(k) > 0) {
                        assertEquals(k, p.shardOf(p.start(k)), n + "/" + shards);
                        assertEquals(k, p.shardOf(p.start(k) + p.size(k) - 1), n + "/" + shards);
                        assertEquals(0, p.positionInShard(p.start(k)));
                    }
                }
                assertEquals(n, total);
                assertTrue(max - min <= 1, n + " samples in " + shards + " shards: sizes " + min + ".." + max);
            }
        }
    }

    @Test
    void everyIndexMapsIntoItsShardsRange() {
        ShardPlanner p = new ShardPlanner(1000, 7);
        for (long i = 0; i < 1000; i++) {
            int k = p.shardOf(i);
            assertTrue(p.start(k) <= i && i < p.start(k) + p.size(k));
            assertEquals(i - p.start(k), p.positionInShard(i));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> p.shardOf(1000));
    }

    @Test
    void shardNamesHaveAtLeastFourDigits() {
        assertEquals("imagenet12k-train-0000.tar", ShardNames.of("imagenet12k", "train", 0, 1024));
        assertEquals("imagenet12k-validation-0511.tar", ShardNames.of("imagenet12k", "validation", 511, 512));
        assertEquals("x-train-12345.tar", ShardNames.of("x", "train", 12345, 20000));
    }
}
