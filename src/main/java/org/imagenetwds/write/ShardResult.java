package org.imagenetwds.write;

import java.util.List;

import org.imagenetwds.inventory.InventoryEntry;

/** What writing one shard produced: its size and checksum, its samples, and the samples it had to reject. */
public record ShardResult(String shard, long bytes, String sha256, List<ManifestEntry> written,
                          List<InventoryEntry> rejected) {

    public ShardResult {
        written = List.copyOf(written);
        rejected = List.copyOf(rejected);
    }
}
