package org.imagenetwds.evaluate;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Evaluation#run()} measured. A metric is empty when its input was not given (ReaL labels,
 * multi-label annotations, top-5 predictions, ImageNet-M images).
 *
 * @param top1         on the original labels, over every sample
 * @param realTop1     over the samples with a non-empty ReaL set
 * @param multiLabel   TFDS's multi-label accuracy: per original class over annotated, non-problematic images, then the mean
 * @param imagenetM    over the ImageNet-M images, problematic or not
 * @param perClass     one entry per class, in label order
 * @param mostConfused the most frequent (original, top-1) pairs that differ, most frequent first
 */
public record EvaluationResult(Accuracy top1, Optional<Accuracy> top5, Optional<Accuracy> realTop1,
                               Optional<Accuracy> realTop5, Optional<ClassMeanAccuracy> multiLabel,
                               Optional<Accuracy> imagenetM, List<ClassScores> perClass, List<Confusion> mostConfused) {

    public EvaluationResult {
        perClass = List.copyOf(perClass);
        mostConfused = List.copyOf(mostConfused);
    }

    /** The summary and the most confused pairs as a text table (per-class scores are in {@link #perClass()}). */
    public String renderTable() {
        return EvaluationTable.render(this);
    }
}
