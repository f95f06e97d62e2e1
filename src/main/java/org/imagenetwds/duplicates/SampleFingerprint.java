package org.imagenetwds.duplicates;

import java.io.Serializable;

import org.imagenetwds.image.ImageFingerprint;

/** A sample's key and its image's fingerprint: what the near-pair search compares. */
public record SampleFingerprint(String key, ImageFingerprint fingerprint) implements Serializable {

    /**
     * Bands of the near search: fewer than {@code NEAR_DISTANCE + 1}, whose pigeonhole would need 13 bands of
     * 4–5 bits, each bucket ~1/32 of all samples at full scale. Chosen from the measurement in
     * docs/SCALING.md: candidates per image stay small at 12.6M samples while the altered copies are found.
     */
    public static final HashBands BANDS = new HashBands(6);

    /**
     * A bucket above this is searched in a window ({@link NearPairSearch}): twice the largest bucket projected
     * to 12.6M samples from the real ones (docs/SCALING.md); all against all it is ~8.6e9 comparisons, one task's minute.
     */
    public static final int MAX_BUCKET = 1 << 17;

    /**
     * Of two exact copies, the one that stands for their group in the near search: the smaller key, as
     * {@link ExactPairs} lists a large group against its smallest key.
     */
    public static SampleFingerprint representative(SampleFingerprint a, SampleFingerprint b) {
        return a.key().compareTo(b.key()) <= 0 ? a : b;
    }

    /** The near-pair search of samples by their fingerprints. */
    public static NearPairSearch<SampleFingerprint> search() {
        return new NearPairSearch<>(ImageFingerprint.NEAR_DISTANCE, BANDS, MAX_BUCKET, SEARCH);
    }

    /** The search's view: the fingerprint's {@code dc_hash}, candidates confirmed by {@link ImageFingerprint#isNear}. */
    public static final Fingerprints<SampleFingerprint> SEARCH = new Fingerprints<>() {
        @Override
        public String key(SampleFingerprint item) {
            return item.key();
        }

        @Override
        public long perceptualHash(SampleFingerprint item) {
            return item.fingerprint().dcHash();
        }

        @Override
        public boolean confirms(SampleFingerprint a, SampleFingerprint b) {
            return a.fingerprint().isNear(b.fingerprint());
        }
    };
}
