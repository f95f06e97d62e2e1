package org.imagenetwds.plan;

/** {@code <name>-<split>-<NNNN>.tar} with max(4, digits of the last index) digits (SPEC §4). */
public final class ShardNames {

    private ShardNames() {
    }

    public static String of(String datasetName, String split, int shard, int shardCount) {
        int digits = Math.max(4, String.valueOf(shardCount - 1).length());
        return String.format("%s-%s-%0" + digits + "d.tar", datasetName, split, shard);
    }

    /** Whether a file name has the form of a shard of {@code datasetName}, in whichever split and count. */
    public static boolean isShardOf(String datasetName, String fileName) {
        String prefix = datasetName + "-";
        if (!fileName.startsWith(prefix) || !fileName.endsWith(".tar")) {
            return false;
        }
        return fileName.substring(prefix.length(), fileName.length() - 4).matches("[a-z0-9_]+-[0-9]{4,}");
    }
}
