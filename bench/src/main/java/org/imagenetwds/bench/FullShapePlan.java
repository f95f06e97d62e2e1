package org.imagenetwds.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * How many usable members each fall11 synset gets in a full-shape rehearsal divided by {@code divide}:
 * every ImageNet-12k class its published usable count (train count + 40) / divide, rounded up; every
 * other synset a count below the smallest of those, together the real remainder of fall11 / divide.
 * The 12k classes are thus exactly the top 11,821 by usable count, whatever the divisor.
 */
public record FullShapePlan(Map<String, Integer> usable, int divide, int smallest12k) {

    /** Images in fall11 (21,841 synsets). */
    public static final long FALL11_IMAGES = 14_197_122L;
    /** Usable images of the 11,821 ImageNet-12k classes (train counts + 40 validation each). */
    public static final long USABLE_12K = 12_602_527L;
    /** Validation samples per 12k class. */
    public static final int VALIDATION_PER_CLASS = 40;

    /**
     * @param synsets all fall11 WNIDs (any order; the plan lists them sorted)
     * @param train12k each ImageNet-12k class's published train count
     */
    public static FullShapePlan of(List<String> synsets, Map<String, Integer> train12k, int divide, long seed) {
        if (divide < 1) {
            throw new IllegalArgumentException("--divide must be at least 1, got " + divide);
        }
        List<String> sorted = new ArrayList<>(synsets);
        Collections.sort(sorted);
        Map<String, Integer> usable = new LinkedHashMap<>();
        List<String> tail = new ArrayList<>();
        int smallest = Integer.MAX_VALUE;
        for (String s : sorted) {
            Integer train = train12k.get(s);
            if (train == null) {
                tail.add(s);
                usable.put(s, 0);
            } else {
                int n = ceilDiv(train + VALIDATION_PER_CLASS, divide);
                usable.put(s, n);
                smallest = Math.min(smallest, n);
            }
        }
        if (usable.size() - tail.size() != train12k.size()) {
            throw new IllegalArgumentException("the 12k table names " + train12k.size()
                    + " classes, only " + (usable.size() - tail.size()) + " of them are fall11 synsets");
        }
        long tailTotal = ceilDiv(FALL11_IMAGES - USABLE_12K, divide);
        int[] counts = longTail(tail.size(), tailTotal, smallest - 1, new Random(seed));
        for (int i = 0; i < tail.size(); i++) {
            usable.put(tail.get(i), counts[i]);
        }
        return new FullShapePlan(Collections.unmodifiableMap(usable), divide, smallest);
    }

    /** {@code n} counts in [1, max] summing to {@code total}: uniform around the mean, then evened out. */
    static int[] longTail(int n, long total, int max, Random random) {
        if (total < n || total > (long) n * max) {
            throw new IllegalArgumentException("cannot spread " + total + " members over " + n
                    + " synsets of 1 to " + max);
        }
        int mean = (int) (total / n);
        int high = Math.min(max, 2 * mean - 1);
        int[] counts = new int[n];
        long sum = 0;
        for (int i = 0; i < n; i++) {
            counts[i] = 1 + random.nextInt(Math.max(1, high));
            sum += counts[i];
        }
        // walk the synsets adding or removing one member each until the total is exact
        for (int i = 0; sum != total; i = (i + 1) % n) {
            if (sum < total && counts[i] < max) {
                counts[i]++;
                sum++;
            } else if (sum > total && counts[i] > 1) {
                counts[i]--;
                sum--;
            }
        }
        return counts;
    }

    public long total() {
        return usable.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static int ceilDiv(long a, int b) {
        return (int) ((a + b - 1) / b);
    }
}
