package org.imagenetwds.plan;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;

import org.imagenetwds.dataset.SampleKeys;

/**
 * Where the split is decided. Each class holds out its first {@code valPerClass} samples in
 * {@code holdoutOrder}: lowest (keyed hash of "holdout", key), or first file names; each split is
 * ordered by (keyed hash of "shuffle-" + split, key). Both depend on the seed, the key and the file
 * name only, never on partitioning or input order. For cutting the
 * ordered split across tasks, {@link #bucket} maps an order hash to one of 2^bits equal hash ranges,
 * in the same order as the hashes.
 */
public record SplitRules(long seed, int valPerClass, HoldoutOrder holdoutOrder) implements java.io.Serializable {

    /** A sample's place in its split: order hash (signed), then key. */
    public record Place(long order, String key) implements java.io.Serializable {
    }

    public static final Comparator<Place> ORDER = Comparator.comparingLong(Place::order).thenComparing(Place::key);

    public SplitRules {
        if (valPerClass < 0) {
            throw new IllegalArgumentException("--val-per-class must not be negative, got " + valPerClass);
        }
    }

    /**
     * Where the sample {@code key}, file {@code member}, ranks in its class for the holdout: a class's
     * samples sorted by {@link #ORDER}. By name, the place's key is the base name's UTF-8 bytes one char
     * each (so that String order is byte order), then NUL and the sample key (a tie-break only).
     */
    public Place holdoutPlace(String key, String member) {
        if (holdoutOrder == HoldoutOrder.NAME) {
            byte[] name = SampleKeys.baseName(member).getBytes(StandardCharsets.UTF_8);
            return new Place(0, new String(name, StandardCharsets.ISO_8859_1) + '\0' + key);
        }
        return new Place(SeededHash.of(seed, "holdout", key), key);
    }

    /** Whether the sample at {@code rank} (0 = first) of its class's holdout ranking goes to validation. */
    public boolean heldOut(int rank) {
        return rank < valPerClass;
    }

    /** Where {@code key} goes in {@code split}'s global order. */
    public Place place(String split, String key) {
        return new Place(SeededHash.of(seed, "shuffle-" + split, key), key);
    }

    /**
     * Where a sample of a given validation set goes in it: file-name order (ILSVRC-2012's validation
     * shards, as every published copy has them), all in the first hash range.
     */
    public static Place inNameOrder(String key) {
        return new Place(Long.MIN_VALUE, key);
    }

    /** Which of 2^{@code bits} equal ranges of order hashes {@code order} falls in; grows with the order. */
    public static int bucket(long order, int bits) {
        if (bits < 0 || bits > 30) {
            throw new IllegalArgumentException("bucket bits must be in 0..30, got " + bits);
        }
        return bits == 0 ? 0 : (int) ((order ^ Long.MIN_VALUE) >>> (64 - bits));
    }
}
