package org.imagenetwds.plan;

/** {@code <name>-<split>-<NNNN>.tar} with max(4, digits of the last index) digits (SPEC §4). */
public final class ShardNames {

    private ShardNames() {
    }

    public static String of(String datasetName, String split, int shard, int shardCount) {
        int digits = Math.max(4, String.valueOf(shardCount - 1).length());
        return String.format("%s-%s-%0" + digits + "d.tar", datasetName, split, shard);
    }
}
