package org.imagenetwds.duplicates;

import java.io.Serializable;
import java.util.Comparator;

/**
 * Two samples that are duplicates of each other, the smaller key first, so a pair has one spelling
 * whichever band or group found it.
 *
 * @param distance Hamming distance of the perceptual hashes; 0 for an exact pair
 */
public record DuplicatePair(String keyA, String keyB, DuplicateKind kind, int distance) implements Serializable {

    /** Table order: by the first key, then the second. */
    public static final Comparator<DuplicatePair> ORDER = Comparator.comparing(DuplicatePair::keyA)
            .thenComparing(DuplicatePair::keyB);

    public DuplicatePair {
        if (keyA.compareTo(keyB) >= 0) {
            throw new IllegalArgumentException("a duplicate pair's keys must be distinct and ordered, got " + keyA
                    + " and " + keyB);
        }
        if (distance < 0 || distance > Long.SIZE || (kind == DuplicateKind.EXACT && distance != 0)) {
            throw new IllegalArgumentException("distance " + distance + " is not possible for an " + kind.code()
                    + " pair of " + keyA + " and " + keyB);
        }
    }

    /** The pair of two distinct keys, in either order. */
    public static DuplicatePair of(String key1, String key2, DuplicateKind kind, int distance) {
        return key1.compareTo(key2) < 0 ? new DuplicatePair(key1, key2, kind, distance)
                : new DuplicatePair(key2, key1, kind, distance);
    }
}
