package org.imagenetwds.write;

/**
 * One sample as the split plan placed it: what to read, which label, where in its shard.
 *
 * @param viewLabel its label in the dataset's class view ({@code label_12k}), or {@link org.imagenetwds.recipe.ClassView#OUTSIDE}
 * @param repair    how count found its damage repaired ({@link org.imagenetwds.image.RepairKind#code()}), or null
 */
public record PlannedSample(String key, String synset, int label, String member, String source, long offset,
                            long length, int position, int viewLabel, String repair) {

    /** A sample of a dataset without a class view. */
    public PlannedSample(String key, String synset, int label, String member, String source, long offset,
                         long length, int position) {
        this(key, synset, label, member, source, offset, length, position, org.imagenetwds.recipe.ClassView.OUTSIDE, null);
    }
}
