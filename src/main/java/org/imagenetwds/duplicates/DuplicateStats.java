package org.imagenetwds.duplicates;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The duplicate figures of a build, over the pairs among its written samples ({@code _meta/duplicates.parquet}):
 * for {@code stats.json} and the dataset card.
 *
 * @param exactPairs              pairs of kind {@code exact}
 * @param nearPairs               pairs of kind {@code near}
 * @param withinClass             pairs whose two samples have the same synset
 * @param acrossClasses           pairs whose samples have different synsets
 * @param validationWithTrainCopy validation samples with at least one pair in train: the leak a held-out score is inflated by
 */
public record DuplicateStats(long exactPairs, long nearPairs, long withinClass, long acrossClasses,
                             long validationWithTrainCopy) {

    public static final DuplicateStats NONE = new DuplicateStats(0, 0, 0, 0, 0);

    public DuplicateStats {
        if (withinClass + acrossClasses != exactPairs + nearPairs) {
            throw new IllegalArgumentException("pairs within (" + withinClass + ") and across classes (" + acrossClasses
                    + ") must add up to the exact (" + exactPairs + ") and near (" + nearPairs + ") pairs");
        }
    }

    public long pairs() {
        return exactPairs + nearPairs;
    }

    /** The figures as {@code stats.json}'s {@code duplicates} object. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        byKind.put(DuplicateKind.EXACT.code(), exactPairs);
        byKind.put(DuplicateKind.NEAR.code(), nearPairs);
        m.put("pairs", byKind);
        m.put("pairs_within_class", withinClass);
        m.put("pairs_across_classes", acrossClasses);
        m.put("validation_with_train_copy", validationWithTrainCopy);
        return m;
    }

    @SuppressWarnings("unchecked")
    public static DuplicateStats fromMap(Map<String, Object> m) {
        Map<String, Object> byKind = (Map<String, Object>) m.get("pairs");
        return new DuplicateStats(number(byKind, DuplicateKind.EXACT.code()), number(byKind, DuplicateKind.NEAR.code()),
                number(m, "pairs_within_class"), number(m, "pairs_across_classes"), number(m, "validation_with_train_copy"));
    }

    private static long number(Map<String, Object> m, String key) {
        if (!(m.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("stats.json's duplicates has no number '" + key + "': " + m);
        }
        return n.longValue();
    }
}
