package org.imagenetwds.evaluate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A model's predictions for the samples of an evaluation, checked by {@link PredictionValidator}: per
 * sample name, either its top 5 labels best first or a single label (then no top-5 metric is reported).
 *
 * @param k         labels per sample: 1 or 5
 * @param topByName each sample's labels, best first
 */
public record Predictions(int k, Map<String, List<Integer>> topByName) {

    public static final int TOP5 = 5;

    public Predictions {
        if (k != 1 && k != TOP5) {
            throw new IllegalArgumentException("predictions hold 1 label or the top " + TOP5 + " per sample, not " + k);
        }
        topByName = topByName.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                e -> List.copyOf(e.getValue())));
        for (Map.Entry<String, List<Integer>> e : topByName.entrySet()) {
            if (e.getValue().size() != k) {
                throw new IllegalArgumentException("the prediction for " + e.getKey() + " holds " + e.getValue().size()
                        + " labels, not " + k);
            }
        }
    }

    public boolean hasTop5() {
        return k == TOP5;
    }

    /** The sample's predicted labels, best first. */
    public List<Integer> top(String name) {
        List<Integer> top = topByName.get(name);
        if (top == null) {
            throw new IllegalArgumentException("no prediction for sample " + name);
        }
        return top;
    }
}
