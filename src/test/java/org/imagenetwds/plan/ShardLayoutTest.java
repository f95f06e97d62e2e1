package org.imagenetwds.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class ShardLayoutTest {

    @Test
    void aSplitWithFewerSamplesThanShardsIsNamedWithTheOptionsThatFixIt() {
        ShardLayout preset = new ShardLayout(1024, 512);
        assertEquals("185 train and 20 validation samples for 1024 + 512 shards: some shards are empty; for a small"
                + " input give --train-shards and --val-shards (a preset's counts are those of its published build)",
                preset.emptyShardsHint(185, 20));
        assertEquals(preset.emptyShardsHint(5_000, 20).substring(0, 18), "5000 train and 20 ", "validation alone is enough");
    }

    @Test
    void everyShardHoldingASampleNeedsNoHint() {
        assertNull(new ShardLayout(1024, 512).emptyShardsHint(1024, 512));
        assertNull(new ShardLayout(8, 0).emptyShardsHint(318, 0), "a train-only build has no validation shard to fill");
    }
}
