package org.imagenetwds.write;

/**
 * One written sample in {@code _meta/manifest}: where each member lies in its shard and what was done.
 * {@code repair} (how its damage was repaired, else null) goes to {@code _meta/repaired}.
 */
public record ManifestEntry(String key, String synset, int label, String split, String shard, int position,
                            long clsOffset, long clsLength, long jpgOffset, long jpgLength,
                            long jsonOffset, long jsonLength, int width, int height, int origWidth,
                            int origHeight, String action, String source, String member, String sourceSha256,
                            String repair) {
}
