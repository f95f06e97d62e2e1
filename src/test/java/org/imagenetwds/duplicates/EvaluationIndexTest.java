package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.imagenetwds.image.ImageFingerprint;
import org.imagenetwds.sample.AlteredCopies;
import org.junit.jupiter.api.Test;

/** Decontamination's lookup on real ImageNet samples (../shared): an evaluation set of altered copies and unrelated photographs. */
class EvaluationIndexTest {

    @Test
    void findsTheSourcesOfTheAlteredCopiesAndNothingElse() throws IOException {
        List<Path> files = RealSamples.jpegs();
        Random random = new Random(7);
        List<EvaluationIndex.EvaluationImage> evaluation = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // altered copies of the first 40 samples
            evaluation.add(new EvaluationIndex.EvaluationImage("eval.tar", "copy" + i + ".JPEG",
                    ImageFingerprint.of(AlteredCopies.random(Files.readAllBytes(files.get(i)), random))));
        }
        for (int i = 600; i < 800; i++) { // and photographs that no sample shows
            evaluation.add(new EvaluationIndex.EvaluationImage("eval.tar", files.get(i).getFileName().toString(),
                    ImageFingerprint.of(Files.readAllBytes(files.get(i)))));
        }
        EvaluationIndex index = new EvaluationIndex(evaluation);

        Set<Integer> contaminated = new TreeSet<>();
        for (int i = 0; i < 400; i++) {
            EvaluationIndex.Match m = index.nearest(ImageFingerprint.of(Files.readAllBytes(files.get(i))));
            if (m != null) {
                contaminated.add(i);
                assertEquals("copy" + i + ".JPEG", m.name(), "sample " + i + " matched another image");
            }
        }
        assertTrue(contaminated.stream().allMatch(i -> i < 40), "only sources of copies: " + contaminated);
        assertTrue(contaminated.size() >= 38, contaminated.size() + " of 40 sources found");
    }
}
