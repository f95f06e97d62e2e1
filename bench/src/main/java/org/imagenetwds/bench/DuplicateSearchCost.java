package org.imagenetwds.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.imagenetwds.duplicates.HashBands;
import org.imagenetwds.duplicates.NearPairSearch;
import org.imagenetwds.duplicates.SampleFingerprint;
import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.sample.AlteredCopies;

/**
 * What the near-pair search costs and finds on real fingerprints, per band count: the real samples
 * (distinct images) give how often two unrelated images share a band value, hence the candidates per
 * image at a full-scale sample count; an altered copy of each (resized 0.55–0.9, quality 55–92,
 * brightness ±6 %) gives the share of near pairs that share a band (found). Usage:
 * {@code DuplicateSearchCost SAMPLES_DIR [SAMPLES_AT_FULL_SCALE [ALTERED_COPIES]]}.
 */
public final class DuplicateSearchCost {

    private DuplicateSearchCost() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        double fullScale = args.length > 1 ? Double.parseDouble(args[1]) : 12_602_527;
        int copies = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".JPEG")).sorted().toList();
        }
        Random random = new Random(24);
        List<SampleFingerprint> originals = new ArrayList<>();
        List<SampleFingerprint> altered = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            ImageFingerprint original = ImageFingerprint.of(bytes);
            String key = f.getFileName().toString();
            originals.add(new SampleFingerprint(key, original));
            if (altered.size() < copies) {
                altered.add(new SampleFingerprint(key + "~", ImageFingerprint.of(AlteredCopies.altered(bytes,
                        0.55 + 0.35 * random.nextDouble(), -0.06 + 0.12 * random.nextDouble(), 55 + random.nextInt(38)))));
            }
        }
        int n = originals.size();
        long nearCopies = 0;
        for (int i = 0; i < altered.size(); i++) {
            nearCopies += originals.get(i).fingerprint().isNear(altered.get(i).fingerprint()) ? 1 : 0;
        }
        System.out.printf("%d real samples, %d of %d altered copies near their original (isNear), threshold %d%n", n,
                nearCopies, altered.size(), ImageFingerprint.NEAR_DISTANCE);
        int[] byDistance = new int[65];
        for (int i = 0; i < altered.size(); i++) {
            byDistance[originals.get(i).fingerprint().distance(altered.get(i).fingerprint())]++;
        }
        StringBuilder d = new StringBuilder("dc_hash distance of an altered copy to its original (distance: copies):");
        for (int k = 0; k <= 64; k++) {
            if (byDistance[k] > 0) {
                d.append(' ').append(k).append(": ").append(byDistance[k]);
            }
        }
        System.out.println(d);
        System.out.println("bands | band widths | shared band values per distinct pair | candidates per image at "
                + String.format("%,.0f", fullScale) + " | largest bucket there | near copies found | search of " + (n + altered.size()) + " images");
        for (int bands : new int[] {4, 5, 6, 7, 8, 10, ImageFingerprint.NEAR_DISTANCE + 1}) {
            HashBands hb = new HashBands(bands);
            double shared = 0; // expected number of bands a random pair of distinct images shares
            int largest = 0;
            for (int b = 0; b < bands; b++) {
                Map<Long, Integer> values = new HashMap<>();
                for (SampleFingerprint im : originals) {
                    values.merge(hb.value(im.fingerprint().dcHash(), b), 1, Integer::sum);
                }
                for (int c : values.values()) {
                    shared += (double) c * (c - 1) / 2;
                    largest = Math.max(largest, c);
                }
            }
            shared /= (double) n * (n - 1) / 2;
            long found = 0;
            for (int i = 0; i < altered.size(); i++) {
                long a = originals.get(i).fingerprint().dcHash();
                long c = altered.get(i).fingerprint().dcHash();
                boolean share = false;
                for (int b = 0; b < bands && !share; b++) {
                    share = hb.value(a, b) == hb.value(c, b);
                }
                found += share && originals.get(i).fingerprint().isNear(altered.get(i).fingerprint()) ? 1 : 0;
            }
            List<SampleFingerprint> all = new ArrayList<>(originals);
            all.addAll(altered);
            long start = System.nanoTime();
            int pairs = new NearPairSearch<>(ImageFingerprint.NEAR_DISTANCE, hb, SampleFingerprint.MAX_BUCKET, SampleFingerprint.SEARCH).findAll(all).size();
            double ms = (System.nanoTime() - start) / 1e6;
            System.out.printf("%d | %d..%d | %.5f | %,.0f | %,.0f | %d of %d (%.1f %%) | %d pairs, %.0f ms%n", bands,
                    hb.width(bands - 1), hb.width(0), shared, shared * (fullScale - 1), largest * fullScale / n, found, nearCopies,
                    100.0 * found / nearCopies, pairs, ms);
        }
        // the comparison rate inside one bucket (all against all), what the candidates above cost
        List<SampleFingerprint> bucket = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            bucket.add(new SampleFingerprint("b" + i, new ImageFingerprint("0".repeat(64 - 8) + String.format("%08x", i),
                    random.nextLong(), random.nextLong())));
        }
        NearPairSearch<SampleFingerprint> search = SampleFingerprint.search();
        search.pairsIn(bucket); // warm-up
        long start = System.nanoTime();
        search.pairsIn(bucket);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("one bucket of %,d: %,.0f comparisons in %.2f s, %.1f ns each%n", bucket.size(),
                bucket.size() * (bucket.size() - 1) / 2.0, seconds, seconds * 1e9 / (bucket.size() * (bucket.size() - 1) / 2.0));
    }
}
