package org.imagenetwds.plan;

/**
 * Cuts {@code samples} shuffled samples of one split into {@code shards} contiguous runs whose
 * sizes differ by at most one: shard {@code k} holds positions [k·n/N, (k+1)·n/N).
 */
public record ShardPlanner(long samples, int shards) implements java.io.Serializable {

    public ShardPlanner {
        if (shards < 1) {
            throw new IllegalArgumentException("shard count must be positive, got " + shards);
        }
        if (samples < 0) {
            throw new IllegalArgumentException("sample count must not be negative, got " + samples);
        }
    }

    public long start(int shard) {
        return samples * shard / shards;
    }

    public long size(int shard) {
        return start(shard + 1) - start(shard);
    }

    /** The shard that holds global position {@code index} of the shuffled split. */
    public int shardOf(long index) {
        if (index < 0 || index >= samples) {
            throw new IndexOutOfBoundsException("position " + index + " outside 0.." + (samples - 1));
        }
        // the inverse of start(): the largest k with k·n/N <= index
        int k = (int) (((index + 1) * shards - 1) / samples);
        while (k > 0 && start(k) > index) {
            k--;
        }
        while (k + 1 < shards && start(k + 1) <= index) {
            k++;
        }
        return k;
    }

    public int positionInShard(long index) {
        return (int) (index - start(shardOf(index)));
    }
}
