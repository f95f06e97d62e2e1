package org.imagenetwds.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imagenetwds.dataset.SampleKeys;

/**
 * Which train samples a subset keeps (TFDS {@code imagenet2012_subset}): the files of a list, or a
 * class-balanced seeded share. For a share, each class takes its first {@code quota} samples in
 * the class's holdout ranking ({@link SplitRules#holdoutPlace}) after the held-out ones; quotas
 * differ by at most one between classes and sum to round(fraction x N), the extra ones going to the
 * classes first in a seeded order — the shape of SimCLR's lists (1 %: 811 classes x 13 + 189 x 12).
 * A class with fewer samples than its quota keeps them all, so a share of small classes can be
 * smaller than round(fraction x N).
 */
public final class TrainSubsetRule implements java.io.Serializable {

    private final Set<String> listed;
    private final Map<String, Integer> quotas;

    private TrainSubsetRule(Set<String> listed, Map<String, Integer> quotas) {
        this.listed = listed;
        this.quotas = quotas;
    }

    public static TrainSubsetRule whole() {
        return new TrainSubsetRule(null, null);
    }

    /** @param files base names of the train files to keep */
    public static TrainSubsetRule listed(Set<String> files) {
        return new TrainSubsetRule(Set.copyOf(files), null);
    }

    /** @param trainUsable each class's train samples before the subset (held-out ones excluded), class order */
    public static TrainSubsetRule fraction(double fraction, long seed, Map<String, Long> trainUsable) {
        return fraction(fraction, seed, List.of(trainUsable));
    }

    /**
     * A share taken of each group of classes on its own: with a class view, the view's classes and
     * the others, so the view's kept samples are exactly those the view's own subset build keeps.
     *
     * @param groups each group's classes with their train samples before the subset, class order
     */
    public static TrainSubsetRule fraction(double fraction, long seed, List<Map<String, Long>> groups) {
        Map<String, Integer> quotas = new HashMap<>();
        for (Map<String, Long> trainUsable : groups) {
            if (trainUsable.isEmpty()) {
                continue;
            }
            long n = trainUsable.values().stream().mapToLong(Long::longValue).sum();
            long total = Math.round(fraction * n);
            int classes = trainUsable.size();
            long base = total / classes;
            long extra = total % classes;
            List<String> order = new ArrayList<>(trainUsable.keySet());
            order.sort(Comparator.comparingLong((String s) -> SeededHash.of(seed, "subset-class", s))
                    .thenComparing(Comparator.naturalOrder()));
            for (int i = 0; i < order.size(); i++) {
                long quota = base + (i < extra ? 1 : 0);
                quotas.put(order.get(i), (int) Math.min(quota, trainUsable.get(order.get(i))));
            }
        }
        return new TrainSubsetRule(null, Map.copyOf(quotas));
    }

    /**
     * Whether a train sample is kept.
     *
     * @param trainRank its rank among its class's train samples in the holdout ranking (0 = first)
     */
    public boolean keeps(String synset, int trainRank, String member) {
        if (listed != null) {
            return listed.contains(SampleKeys.baseName(member));
        }
        return quotas == null || trainRank < quotas.getOrDefault(synset, 0);
    }

    /** Train samples the subset keeps when known in advance (a share), or -1 (a list: found at split). */
    public long expectedTrain(long wholeTrain) {
        if (listed != null) {
            return -1;
        }
        return quotas == null ? wholeTrain : quotas.values().stream().mapToLong(Integer::longValue).sum();
    }
}
