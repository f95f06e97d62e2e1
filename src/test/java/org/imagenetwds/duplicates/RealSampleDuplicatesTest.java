package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.sample.AlteredCopies;
import org.imagenetwds.sample.SyntheticImages;
import org.junit.jupiter.api.Test;

/** The search with the pipeline's bands on real ImageNet samples (../shared) and copies made of them. */
class RealSampleDuplicatesTest {

    @Test
    void findsExifCopiesAsExactAlteredCopiesAsNearAndNoPairAmongDistinctPhotographs() throws IOException {
        List<Path> files = RealSamples.jpegs().stream().limit(300).toList();
        Random random = new Random(24);
        List<SampleFingerprint> samples = new ArrayList<>();
        Set<String> expectedExact = new HashSet<>();
        Set<String> expectedNear = new HashSet<>();
        for (int i = 0; i < files.size(); i++) {
            byte[] bytes = Files.readAllBytes(files.get(i));
            String key = String.format("s%04d", i);
            samples.add(fingerprinted(key, bytes));
            if (i % 10 == 0) { // the same photograph under another key, Exif added: exact
                samples.add(fingerprinted(key + "e", SyntheticImages.withExif(bytes)));
                expectedExact.add(key + " " + key + "e");
            } else if (i % 10 == 5) { // resized, re-encoded, brightened (half with Exif): near
                samples.add(fingerprinted(key + "n", AlteredCopies.random(bytes, random)));
                expectedNear.add(key + " " + key + "n");
            }
        }
        Map<String, List<String>> bySha = new HashMap<>();
        samples.forEach(s -> bySha.computeIfAbsent(s.fingerprint().sha256(), h -> new ArrayList<>()).add(s.key()));
        Set<String> exact = new HashSet<>();
        bySha.values().forEach(keys -> ExactPairs.of(keys, 64).forEach(p -> exact.add(p.keyA() + " " + p.keyB())));
        Set<String> near = new HashSet<>();
        SampleFingerprint.search().findAll(samples).forEach(p -> near.add(p.keyA() + " " + p.keyB()));

        assertEquals(expectedExact, exact, "every Exif copy, and nothing else, is exact");
        Set<String> found = new HashSet<>(near);
        found.retainAll(expectedNear);
        assertTrue(found.size() >= 0.95 * expectedNear.size(), found.size() + " of " + expectedNear.size() + " altered copies found");
        Set<String> others = new HashSet<>(near);
        others.removeAll(expectedNear);
        others.removeAll(expectedExact); // an exact pair is near too (distance 0)
        assertEquals(Set.of(), others, "pairs among distinct photographs");
    }

    private static SampleFingerprint fingerprinted(String key, byte[] jpeg) {
        ImageFingerprint f = ImageFingerprint.of(jpeg);
        assertNotNull(f, key);
        return new SampleFingerprint(key, f);
    }
}
