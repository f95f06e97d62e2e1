package org.imagenetwds.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.imagenetwds.labels.MultiLabelAnnotation;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationFiles;

/**
 * Scores predictions against a validation split's original labels and, when given, the ReaL labels
 * (timm's {@code RealLabelsImagenet}) and the multi-label annotations (TFDS
 * {@code imagenet2012_multilabel}, ImageNet-M). The inputs must describe the same samples: the
 * constructor refuses any mismatch rather than score part of them.
 *
 * @param originalLabels each sample's label, by sample name (validation file name when ReaL or
 *                       multi-label annotations are given, since they are filed by it)
 * @param classes        labels lie in 0..classes-1; the multi-label mean is over all of them
 */
public record Evaluation(Map<String, Integer> originalLabels, int classes, Predictions predictions,
                         Optional<RealLabels> real, Optional<MultiLabelAnnotations> multiLabel) {

    /** How many confused class pairs the result lists. */
    public static final int CONFUSIONS = 20;

    public Evaluation {
        originalLabels = Map.copyOf(originalLabels);
        Objects.requireNonNull(predictions, "predictions");
        Objects.requireNonNull(real, "real");
        Objects.requireNonNull(multiLabel, "multiLabel");
        if (originalLabels.isEmpty()) {
            throw new IllegalArgumentException("no samples to evaluate");
        }
        for (Map.Entry<String, Integer> e : originalLabels.entrySet()) {
            if (e.getValue() < 0 || e.getValue() >= classes) {
                throw new IllegalArgumentException("sample " + e.getKey() + " has original label " + e.getValue()
                        + ", not a class 0.." + (classes - 1));
            }
        }
        if (!predictions.topByName().keySet().equals(originalLabels.keySet())) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the predictions are for %,d samples that are not the %,d evaluated (check them with PredictionValidator)",
                    predictions.topByName().size(), originalLabels.size()));
        }
        if (real.isPresent()) {
            checkReal(real.get(), originalLabels.keySet());
        }
        if (multiLabel.isPresent()) {
            checkMultiLabel(multiLabel.get(), originalLabels);
        }
    }

    public static Evaluation of(Map<String, Integer> originalLabels, int classes, Predictions predictions) {
        return new Evaluation(originalLabels, classes, predictions, Optional.empty(), Optional.empty());
    }

    public Evaluation withReal(RealLabels realLabels) {
        return new Evaluation(originalLabels, classes, predictions, Optional.of(realLabels), multiLabel);
    }

    public Evaluation withMultiLabel(MultiLabelAnnotations annotations) {
        return new Evaluation(originalLabels, classes, predictions, real, Optional.of(annotations));
    }

    private static void checkReal(RealLabels real, Set<String> names) {
        if (real.images() != names.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the ReaL labels list %,d validation images, the evaluation has %,d samples", real.images(), names.size()));
        }
        names.stream().filter(name -> !ValidationFiles.isValidationFile(name)).sorted().findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("ReaL labels are filed by validation file name, and sample '" + name
                    + "' is not one (ILSVRC2012_val_NNNNNNNN.JPEG)");
        });
    }

    private static void checkMultiLabel(MultiLabelAnnotations annotations, Map<String, Integer> originalLabels) {
        List<String> strangers = annotations.byFile().keySet().stream().filter(f -> !originalLabels.containsKey(f))
                .sorted().toList();
        if (!strangers.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the multi-label annotations name %,d files that are not among the %,d samples evaluated (%s)",
                    strangers.size(), originalLabels.size(), FirstNames.of(strangers)));
        }
    }

    /**
     * Computes every metric whose inputs were given.
     *
     * @throws IllegalArgumentException when multi-label annotations are given but some class has no
     *                                  annotated, non-problematic image (its accuracy, and so the mean, is undefined)
     */
    public EvaluationResult run() {
        Tally[] top1 = Tally.perClass(classes);
        Tally[] realTop1 = Tally.perClass(classes);
        Tally[] multi = Tally.perClass(classes);
        Tally top5 = new Tally();
        Tally realTop5 = new Tally();
        Tally imagenetM = new Tally();
        Map<Long, Long> confusions = new HashMap<>();
        for (Map.Entry<String, Integer> sample : originalLabels.entrySet()) {
            String name = sample.getKey();
            int label = sample.getValue();
            List<Integer> top = predictions.top(name);
            int first = top.get(0);
            top1[label].add(first == label);
            top5.add(top.contains(label)); // reported for top-5 predictions only
            if (first != label) {
                confusions.merge((long) label * classes + first, 1L, Long::sum);
            }
            if (real.isPresent()) {
                List<Integer> set = real.get().labelsOf(name);
                // an image no rater found a label for is left out (timm, Beyer et al.)
                if (!set.isEmpty()) {
                    realTop1[label].add(set.contains(first));
                    realTop5.add(top.stream().anyMatch(set::contains));
                }
            }
            Optional<MultiLabelAnnotation> annotation = multiLabel.flatMap(m -> m.of(name));
            if (annotation.isPresent()) {
                if (!annotation.get().problematic()) {
                    multi[label].add(annotation.get().accepts(first));
                }
                if (annotation.get().imagenetM()) {
                    imagenetM.add(annotation.get().accepts(first));
                }
            }
        }
        List<ClassScores> perClass = IntStream.range(0, classes).mapToObj(c -> new ClassScores(c, top1[c].accuracy(),
                real.map(r -> realTop1[c].accuracy()), multiLabel.map(m -> multi[c].accuracy()))).toList();
        return new EvaluationResult(Tally.pooled(top1),
                predictions.hasTop5() ? Optional.of(top5.accuracy()) : Optional.empty(),
                real.map(r -> Tally.pooled(realTop1)),
                real.filter(r -> predictions.hasTop5()).map(r -> realTop5.accuracy()),
                multiLabel.map(m -> classMean(multi)),
                multiLabel.filter(m -> m.imagenetMImages() > 0).map(m -> imagenetM.accuracy()),
                perClass, mostConfused(confusions));
    }

    /** TFDS's multi-label figure: per-class accuracies summed in class order, divided by the number of classes. */
    private ClassMeanAccuracy classMean(Tally[] perClass) {
        List<Integer> empty = IntStream.range(0, classes).filter(c -> perClass[c].accuracy().total() == 0).boxed().toList();
        if (!empty.isEmpty()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "multi-label accuracy is a mean over all %,d classes, but %,d have no annotated, non-problematic image (%s)",
                    classes, empty.size(), FirstNames.of(empty)));
        }
        double sum = 0;
        for (Tally t : perClass) {
            sum += t.accuracy().value();
        }
        return new ClassMeanAccuracy(sum / classes, classes, Tally.pooled(perClass).total());
    }

    /** The most frequent pairs, ties by original then predicted label so the list does not depend on hashing. */
    private List<Confusion> mostConfused(Map<Long, Long> confusions) {
        List<Confusion> all = new ArrayList<>();
        confusions.forEach((pair, count) -> all.add(new Confusion((int) (pair / classes), (int) (pair % classes), count)));
        return all.stream().sorted(Comparator.comparingLong(Confusion::count).reversed()
                        .thenComparingInt(Confusion::label).thenComparingInt(Confusion::predicted))
                .limit(CONFUSIONS).toList();
    }
}
