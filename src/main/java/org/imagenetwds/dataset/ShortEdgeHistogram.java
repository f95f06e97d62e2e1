package org.imagenetwds.dataset;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How many images have their shorter edge in each of fixed buckets (fixed, so that histograms of
 * tasks, stages and builds add up and compare). Mutable while counting; merged across tasks.
 */
public final class ShortEdgeHistogram implements Serializable {

    /** Lower bounds of the buckets, in pixels; the last bucket is open. */
    private static final int[] LOWER = {0, 32, 48, 100, 200, 300, 400, 500, 600, 700, 800, 1000, 1500, 2000};

    private final long[] counts = new long[LOWER.length];

    public void add(int shortEdge) {
        int i = Arrays.binarySearch(LOWER, shortEdge);
        counts[i >= 0 ? i : -i - 2]++;
    }

    public ShortEdgeHistogram merge(ShortEdgeHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        return this;
    }

    public long[] counts() {
        return counts.clone();
    }

    /** "0-31", "32-47", ..., "2000+". */
    public static List<String> labels() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < LOWER.length; i++) {
            labels.add(i + 1 < LOWER.length ? LOWER[i] + "-" + (LOWER[i + 1] - 1) : LOWER[i] + "+");
        }
        return labels;
    }
}
