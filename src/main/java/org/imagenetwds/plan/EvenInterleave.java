package org.imagenetwds.plan;

/**
 * Merges two ordered runs into one shard, the second spread evenly through the first: ImageNet-22k's
 * train shards hold the 12k view's samples and the other classes' samples this way, so every prefix
 * of a shard holds the two in the shard's proportion (within one sample) and the 12k view of every
 * shard is as full as the next. Each run keeps its own order.
 *
 * <p>With {@code n = first + second}, the second run's sample {@code j} goes to position
 * {@code floor((2j + 1) n / (2 second))} (the centre of its n/second slot); the first run fills the
 * other positions in order.
 */
public final class EvenInterleave {

    private EvenInterleave() {
    }

    /** Where the {@code j}-th sample of the second run goes. */
    public static int positionOfSecond(int j, int first, int second) {
        check(j, second, first, second);
        long n = (long) first + second;
        return (int) ((2L * j + 1) * n / (2L * second));
    }

    /** Where the {@code k}-th sample of the first run goes: the k-th position the second run leaves free. */
    public static int positionOfFirst(int k, int first, int second) {
        check(k, first, first, second);
        // the smallest p with p + 1 - secondsUpTo(p) = k + 1; p - secondsUpTo(p) never decreases
        long lo = k;
        long hi = (long) k + second;
        while (lo < hi) {
            long p = (lo + hi) >>> 1;
            if (p + 1 - secondsUpTo(p, first, second) >= k + 1) {
                hi = p;
            } else {
                lo = p + 1;
            }
        }
        return (int) lo;
    }

    /** How many of the second run's positions are at most {@code p}: j with (2j+1)n < 2 second (p+1). */
    private static long secondsUpTo(long p, int first, int second) {
        long n = (long) first + second;
        long x = 2L * second * (p + 1) - n; // count j >= 0 with 2jn < x
        return x <= 0 ? 0 : Math.min(second, (x + 2 * n - 1) / (2 * n));
    }

    private static void check(int index, int size, int first, int second) {
        if (first < 0 || second < 0 || index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("sample " + index + " of a run of " + size + " (runs of " + first
                    + " and " + second + ")");
        }
    }
}
