package org.imagenetwds.plan;

import java.io.Serializable;
import java.util.List;

/**
 * The splits and how many shards each has: the one place that knows split names, the order of the
 * splits, and the global shard numbering (train shards first, then validation) that write tasks use.
 * A train-only dataset has no validation shards.
 */
public record ShardLayout(int trainShards, int validationShards) implements Serializable {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    /** In global shard order. */
    public static final List<String> SPLITS = List.of(TRAIN, VALIDATION);

    public ShardLayout {
        if (trainShards < 1 || validationShards < 0) {
            throw new IllegalArgumentException("--train-shards must be positive and --val-shards not negative, got "
                    + trainShards + " and " + validationShards);
        }
    }

    /** The splits that have shards, in global shard order. */
    public List<String> splits() {
        return validationShards > 0 ? SPLITS : List.of(TRAIN);
    }

    public int shards(String split) {
        return switch (split) {
            case TRAIN -> trainShards;
            case VALIDATION -> validationShards;
            default -> throw new IllegalArgumentException("unknown split " + split);
        };
    }

    public int total() {
        return trainShards + validationShards;
    }

    public int globalShard(String split, int shard) {
        return TRAIN.equals(split) ? shard : trainShards + shard;
    }

    public String splitOf(int globalShard) {
        return globalShard < trainShards ? TRAIN : VALIDATION;
    }

    public int shardOf(int globalShard) {
        return globalShard < trainShards ? globalShard : globalShard - trainShards;
    }

    public String shardName(String datasetName, String split, int shard) {
        return ShardNames.of(datasetName, split, shard, shards(split));
    }

    public String shardNameOf(String datasetName, int globalShard) {
        return shardName(datasetName, splitOf(globalShard), shardOf(globalShard));
    }

    /**
     * What to say when a split has fewer samples than shards (a small input built with a preset's shard
     * counts, which are its published build's): some shards are then empty. Null when none is.
     */
    public String emptyShardsHint(long train, long validation) {
        if (train >= trainShards && validation >= validationShards) {
            return null;
        }
        return train + " train and " + validation + " validation samples for " + trainShards + " + " + validationShards
                + " shards: some shards are empty; for a small input give --train-shards and --val-shards"
                + " (a preset's counts are those of its published build)";
    }

    /**
     * The train shard count for a subset of {@code subsetSize} of {@code fullSize} train samples:
     * shards stay as full as the whole split's would be (1 % of ImageNet-1k's 1,024 shards: 10).
     */
    public ShardLayout scaledTrain(long subsetSize, long fullSize) {
        if (fullSize <= 0 || subsetSize >= fullSize) {
            return this;
        }
        return new ShardLayout((int) Math.max(1, Math.round((double) trainShards * subsetSize / fullSize)),
                validationShards);
    }
}
