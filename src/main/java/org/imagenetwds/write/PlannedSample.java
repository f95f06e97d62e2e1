package org.imagenetwds.write;

/** One sample as the split plan placed it: what to read, which label, where in its shard. */
public record PlannedSample(String key, String synset, int label, String member, String source, long offset,
                            long length, int position) {
}
