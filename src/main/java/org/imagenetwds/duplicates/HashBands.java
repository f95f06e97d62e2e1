package org.imagenetwds.duplicates;

import java.io.Serializable;

/**
 * The 64 bits of a perceptual hash cut into bands of near-equal width (multi-index hashing). Two
 * hashes within Hamming distance {@code t} differ in at most {@code t} bands, so with more than
 * {@code t} bands they agree exactly on at least one (pigeonhole): looking up candidates by each band's
 * value finds every pair within {@code t} without comparing all pairs.
 *
 * @param count the number of bands, 1..64
 */
public record HashBands(int count) implements Serializable {

    public HashBands {
        if (count < 1 || count > Long.SIZE) {
            throw new IllegalArgumentException("a 64-bit hash splits into 1..64 bands, got " + count);
        }
    }

    /** The fewest bands (so the widest, with the fewest candidates) that still find every pair within {@code threshold}. */
    public static HashBands forThreshold(int threshold) {
        if (threshold < 0 || threshold >= Long.SIZE) {
            throw new IllegalArgumentException("a near-duplicate threshold must be within 0..63 bits, got " + threshold);
        }
        return new HashBands(threshold + 1);
    }

    /** Bits in band {@code band}: the first {@code 64 % count} bands hold one bit more. */
    public int width(int band) {
        return Long.SIZE / count + (band < Long.SIZE % count ? 1 : 0);
    }

    /** The value of band {@code band} of {@code hash}, its bits counted from the most significant end. */
    public long value(long hash, int band) {
        int start = band * (Long.SIZE / count) + Math.min(band, Long.SIZE % count);
        int width = width(band);
        long shifted = hash >>> (Long.SIZE - start - width);
        return width == Long.SIZE ? shifted : shifted & ((1L << width) - 1);
    }
}
