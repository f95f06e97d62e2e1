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
 * {@code DuplicateSearchCost SAMPLES_DIR [SAMPLES_AT_FULL_SCALE]}.
 */
public final class DuplicateSearchCost {

    private DuplicateSearchCost() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args[0]);
        double fullScale = args.length > 1 ? Double.parseDouble(args[1]) : 12_602_527;
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
            ImageFingerprint copy = ImageFingerprint.of(AlteredCopies.altered(bytes, 0.55 + 0.35 * random.nextDouble(),
                    -0.06 + 0.12 * random.nextDouble(), 55 + random.nextInt(38)));
            if (original != null && copy != null) {
                String key = f.getFileName().toString();
                originals.add(new SampleFingerprint(key, original));
                altered.add(new SampleFingerprint(key + "~", copy));
            }
        }
        int n = originals.size();
        long nearCopies = 0;
        for (int i = 0; i < n; i++) {
            nearCopies += originals.get(i).fingerprint().isNear(altered.get(i).fingerprint()) ? 1 : 0;
        }
        System.out.printf("%d real samples, %d altered copies near their original (isNear), threshold %d%n", n, nearCopies,
                ImageFingerprint.NEAR_DISTANCE);
        System.out.println("bands | band widths | shared band values per distinct pair | candidates per image at "
                + String.format("%,.0f", fullScale) + " | near copies found | search of " + (2 * n) + " images");
        for (int bands : new int[] {4, 5, 6, 7, 8, 10, ImageFingerprint.NEAR_DISTANCE + 1}) {
            HashBands hb = new HashBands(bands);
            double shared = 0; // expected number of bands a random pair of distinct images shares
            for (int b = 0; b < bands; b++) {
                Map<Long, Integer> values = new HashMap<>();
                for (SampleFingerprint im : originals) {
                    values.merge(hb.value(im.fingerprint().dcHash(), b), 1, Integer::sum);
                }
                for (int c : values.values()) {
                    shared += (double) c * (c - 1) / 2;
                }
            }
            shared /= (double) n * (n - 1) / 2;
            long found = 0;
            for (int i = 0; i < n; i++) {
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
            System.out.printf("%d | %d..%d | %.5f | %,.0f | %d of %d (%.1f %%) | %d pairs, %.0f ms%n", bands,
                    hb.width(bands - 1), hb.width(0), shared, shared * (fullScale - 1), found, nearCopies,
                    100.0 * found / nearCopies, pairs, ms);
        }
    }
}
