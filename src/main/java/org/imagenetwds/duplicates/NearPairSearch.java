package org.imagenetwds.duplicates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Near pairs by multi-index hashing: every image goes into one bucket per band ({@link HashBands}),
 * keyed by the band's value; only images sharing a bucket are compared, by the exact Hamming distance
 * and then the fingerprint's second check. A pair shares up to every band, so callers drop the
 * repeats ({@link #findAll} does). With more bands than the threshold every pair within it is found
 * (pigeonhole); fewer, wider bands make far fewer candidates at scale and find a pair farther apart
 * than {@code bands - 1} only when its differing bits leave a band whole.
 *
 * <p>A bucket is bounded: one of more than {@code maxBucket} images (a band value many images share,
 * such as flat or near-flat images, whose hashes carry little information) is not compared all
 * against all but in a window: sorted by the whole hash, each image is compared with the next
 * {@code maxBucket - 1}. Work per bucket is then at most {@code n × maxBucket} comparisons, never
 * quadratic; pairs whose hashes sort far apart inside such a bucket are found only through another
 * band they share, and {@link #oversized} lets callers count such buckets.
 */
public final class NearPairSearch<T> implements Serializable {

    private final int threshold;
    private final int maxBucket;
    private final HashBands bands;
    private final Fingerprints<T> fingerprints;

    /**
     * @param threshold largest Hamming distance of a near pair
     * @param bands     the bands searched: {@link HashBands#forThreshold} finds every pair within the threshold
     * @param maxBucket largest bucket compared all against all (at least 2)
     */
    public NearPairSearch(int threshold, HashBands bands, int maxBucket, Fingerprints<T> fingerprints) {
        if (maxBucket < 2) {
            throw new IllegalArgumentException("a bucket bound below 2 compares nothing, got " + maxBucket);
        }
        this.threshold = threshold;
        this.maxBucket = maxBucket;
        this.bands = bands;
        this.fingerprints = fingerprints;
    }

    public HashBands bands() {
        return bands;
    }

    public int threshold() {
        return threshold;
    }

    /** Whether a bucket of this size is searched in a window instead of all against all. */
    public boolean oversized(int bucketSize) {
        return bucketSize > maxBucket;
    }

    /** The bucket of an image in band {@code band}. */
    public long bucketOf(T item, int band) {
        return bands.value(fingerprints.perceptualHash(item), band);
    }

    /** The near pairs among the images of one bucket, each once. */
    public List<DuplicatePair> pairsIn(Collection<T> bucket) {
        List<T> items = new ArrayList<>(bucket);
        List<DuplicatePair> pairs = new ArrayList<>();
        if (!oversized(items.size())) {
            for (int i = 0; i < items.size(); i++) {
                for (int j = i + 1; j < items.size(); j++) {
                    confirm(items.get(i), items.get(j), pairs);
                }
            }
            return pairs;
        }
        items.sort(Comparator.<T>comparingLong(fingerprints::perceptualHash).thenComparing(fingerprints::key));
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < Math.min(items.size(), i + maxBucket); j++) {
                confirm(items.get(i), items.get(j), pairs);
            }
        }
        return pairs;
    }

    /** Whether two images are a near pair: distinct keys, hashes within the threshold, the second check passed. */
    public DuplicatePair pairOf(T a, T b) {
        String ka = fingerprints.key(a);
        String kb = fingerprints.key(b);
        int distance = fingerprints.distance(a, b);
        return !ka.equals(kb) && distance <= threshold && fingerprints.confirms(a, b)
                ? DuplicatePair.of(ka, kb, DuplicateKind.NEAR, distance) : null;
    }

    private void confirm(T a, T b, List<DuplicatePair> pairs) {
        DuplicatePair p = pairOf(a, b);
        if (p != null) {
            pairs.add(p);
        }
    }

    /** Every near pair of a collection held in memory, each once, in table order (what the Spark job distributes). */
    public List<DuplicatePair> findAll(Collection<T> items) {
        TreeSet<DuplicatePair> found = new TreeSet<>(DuplicatePair.ORDER);
        for (int band = 0; band < bands.count(); band++) {
            Map<Long, List<T>> buckets = new HashMap<>();
            for (T item : items) {
                buckets.computeIfAbsent(bucketOf(item, band), v -> new ArrayList<>()).add(item);
            }
            buckets.values().forEach(b -> found.addAll(pairsIn(b)));
        }
        return new ArrayList<>(found);
    }
}
