package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class NearPairSearchTest {

    /** An image as the search sees it; {@code group} stands in for the second signature. */
    record Img(String key, long hash, int group) {
    }

    /** Confirms a candidate when both are of the same group; counts the distances computed. */
    static final class ByGroup implements Fingerprints<Img> {
        final AtomicLong compared = new AtomicLong();

        @Override
        public String key(Img item) {
            return item.key();
        }

        @Override
        public long perceptualHash(Img item) {
            return item.hash();
        }

        @Override
        public boolean confirms(Img a, Img b) {
            return a.group() == b.group();
        }

        @Override
        public int distance(Img a, Img b) {
            compared.incrementAndGet();
            return Fingerprints.super.distance(a, b);
        }
    }

    @Test
    void bandsCoverTheHashOnceFromTheTop() {
        for (int count = 1; count <= 64; count++) {
            HashBands bands = new HashBands(count);
            long hash = new Random(count).nextLong();
            long rebuilt = 0;
            int bits = 0;
            for (int b = 0; b < count; b++) {
                int w = bands.width(b);
                long v = bands.value(hash, b);
                assertTrue(w == 64 || (v >>> w) == 0, "band " + b + " of " + count + " holds more than its width");
                rebuilt = w == 64 ? v : (rebuilt << w) | v;
                bits += w;
            }
            assertEquals(64, bits);
            assertEquals(hash, rebuilt, count + " bands");
        }
        assertEquals(0xFL, new HashBands(16).value(0xF000_0000_0000_0000L, 0));
        assertThrows(IllegalArgumentException.class, () -> HashBands.forThreshold(64));
    }

    @Test
    void findsEveryPairWithinTheThresholdAsComparingAllPairsWould() {
        Random random = new Random(7);
        List<Img> images = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            images.add(new Img(String.format("a%05d", i), random.nextLong(), i % 3));
        }
        for (int i = 0; i < 400; i++) { // copies with up to 8 bits flipped: some within 6, some beyond
            Img source = images.get(random.nextInt(1500));
            long hash = source.hash();
            for (int f = random.nextInt(9); f > 0; f--) {
                hash ^= 1L << random.nextInt(64);
            }
            images.add(new Img(String.format("b%05d", i), hash, random.nextInt(10) == 0 ? 5 : source.group()));
        }
        int threshold = 6;
        ByGroup fingerprints = new ByGroup();
        List<DuplicatePair> found = new NearPairSearch<>(threshold, HashBands.forThreshold(threshold), 1000, fingerprints)
                .findAll(images);
        List<DuplicatePair> all = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            for (int j = i + 1; j < images.size(); j++) {
                Img a = images.get(i);
                Img b = images.get(j);
                int d = Long.bitCount(a.hash() ^ b.hash());
                if (d <= threshold && a.group() == b.group()) {
                    all.add(DuplicatePair.of(a.key(), b.key(), DuplicateKind.NEAR, d));
                }
            }
        }
        all.sort(DuplicatePair.ORDER);
        assertTrue(all.size() > 250, "the planted copies make pairs: " + all.size());
        assertEquals(all, found);
        long allPairs = (long) images.size() * (images.size() - 1) / 2;
        assertTrue(fingerprints.compared.get() < allPairs / 20, fingerprints.compared.get() + " comparisons of " + allPairs);
    }

    @Test
    void aBucketOfManyImagesIsSearchedInAWindowNotAllAgainstAll() {
        // 6000 near-flat images: every hash has few bits set, so they share the zero value of most bands
        Random random = new Random(3);
        List<Img> flat = new ArrayList<>();
        for (int i = 0; i < 6000; i++) {
            flat.add(new Img(String.format("f%05d", i), 1L << random.nextInt(64), 0));
        }
        ByGroup fingerprints = new ByGroup();
        NearPairSearch<Img> search = new NearPairSearch<>(2, HashBands.forThreshold(2), 64, fingerprints);
        List<DuplicatePair> pairs = search.findAll(flat);
        long bound = (long) search.bands().count() * flat.size() * 64;
        assertTrue(fingerprints.compared.get() <= bound, fingerprints.compared.get() + " comparisons, bound " + bound);
        assertTrue(!pairs.isEmpty() && pairs.stream().allMatch(p -> p.distance() <= 2), "window pairs are real pairs");
        assertTrue(search.oversized(65) && !search.oversized(64));
    }

    @Test
    void theSecondCheckAndTheKeyDecideAPair() {
        NearPairSearch<Img> search = new NearPairSearch<>(4, HashBands.forThreshold(4), 10, new ByGroup());
        assertEquals(DuplicatePair.of("y", "x", DuplicateKind.NEAR, 1), search.pairOf(new Img("y", 0b1, 0), new Img("x", 0, 0)));
        assertEquals(null, search.pairOf(new Img("y", 0b1, 0), new Img("x", 0, 1)));
        assertEquals(null, search.pairOf(new Img("x", 0b11111, 0), new Img("y", 0, 0)));
        assertEquals(null, search.pairOf(new Img("x", 0, 0), new Img("x", 0, 0)));
    }
}
