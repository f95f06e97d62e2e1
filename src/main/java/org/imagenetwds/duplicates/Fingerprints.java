package org.imagenetwds.duplicates;

import java.io.Serializable;

/**
 * What the pair search reads from an image's fingerprint: its sample key, its 64-bit perceptual hash
 * and the second check that confirms a candidate pair within the threshold. Serializable: Spark ships
 * it to the tasks that search the buckets.
 */
public interface Fingerprints<T> extends Serializable {

    String key(T item);

    long perceptualHash(T item);

    /** Whether two images whose hashes are within the threshold are near duplicates after all. */
    boolean confirms(T a, T b);

    /** Hamming distance of two images' perceptual hashes. */
    default int distance(T a, T b) {
        return Long.bitCount(perceptualHash(a) ^ perceptualHash(b));
    }
}
