package org.imagenetwds.duplicates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.image.ImageFingerprint;

/**
 * Evaluation images (a test set a build must not train on) indexed by the near search's bands, so
 * that each sample is compared only with the evaluation images sharing a band value with it: what
 * decontamination asks of every sample. Small enough to broadcast (50,000 images: a few MB).
 */
public final class EvaluationIndex implements Serializable {

    /** One evaluation image: its set (the URI it came from), its file name, its fingerprint. */
    public record EvaluationImage(String set, String name, ImageFingerprint fingerprint) implements Serializable {
    }

    /** The evaluation image a sample is near, and how far their perceptual hashes are. */
    public record Match(String set, String name, int distance) implements Serializable {
    }

    private static final Comparator<Match> NEAREST = Comparator.comparingInt(Match::distance)
            .thenComparing(Match::set).thenComparing(Match::name);

    private final List<Map<Long, List<EvaluationImage>>> byBand = new ArrayList<>();

    public EvaluationIndex(Collection<EvaluationImage> images) {
        HashBands bands = SampleFingerprint.BANDS;
        for (int b = 0; b < bands.count(); b++) {
            Map<Long, List<EvaluationImage>> buckets = new HashMap<>();
            for (EvaluationImage image : images) {
                buckets.computeIfAbsent(bands.value(image.fingerprint().dcHash(), b), v -> new ArrayList<>()).add(image);
            }
            byBand.add(buckets);
        }
    }

    /** The nearest evaluation image the sample is near ({@link ImageFingerprint#isNear}), ties by set and name; null if none. */
    public Match nearest(ImageFingerprint sample) {
        Match best = null;
        for (int b = 0; b < byBand.size(); b++) {
            for (EvaluationImage image : byBand.get(b).getOrDefault(SampleFingerprint.BANDS.value(sample.dcHash(), b), List.of())) {
                if (sample.isNear(image.fingerprint())) {
                    Match m = new Match(image.set(), image.name(), sample.distance(image.fingerprint()));
                    best = best == null || NEAREST.compare(m, best) < 0 ? m : best;
                }
            }
        }
        return best;
    }
}
