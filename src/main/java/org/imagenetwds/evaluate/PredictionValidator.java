package org.imagenetwds.evaluate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns parsed prediction rows into {@link Predictions}, refusing anything that would make a partial
 * or ambiguous score: rows of mixed length, labels outside the classes or repeated within a row, and
 * rows that miss samples, name unknown ones or repeat one.
 */
public final class PredictionValidator {

    private PredictionValidator() {
    }

    /**
     * @param rows     the rows in file order
     * @param expected the names of the samples evaluated, one prediction each
     * @param classes  labels must lie in 0..classes-1
     * @param source   how to name the predictions in an error (their URI)
     * @throws IllegalArgumentException one line: the first bad row, or the counts and first names of
     *                                  missing, unknown and repeated samples
     */
    public static Predictions validate(List<PredictionRow> rows, Collection<String> expected, int classes, String source) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no predictions");
        }
        int k = rows.get(0).top().size();
        if (k != 1 && k != Predictions.TOP5) {
            throw new IllegalArgumentException(source + " row 1 (" + rows.get(0).name() + ") holds " + k
                    + " labels: a prediction is one label or the top " + Predictions.TOP5);
        }
        for (int i = 0; i < rows.size(); i++) {
            checkRow(rows.get(i), i + 1, k, classes, source);
        }
        Set<String> known = new HashSet<>(expected);
        Map<String, List<Integer>> topByName = new HashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (PredictionRow row : rows) {
            if (!known.contains(row.name())) {
                unknown.add(row.name());
            } else if (topByName.put(row.name(), row.top()) != null) {
                repeated.add(row.name());
            }
        }
        List<String> missing = expected.stream().filter(name -> !topByName.containsKey(name)).toList();
        if (!missing.isEmpty() || !unknown.isEmpty() || !repeated.isEmpty()) {
            List<String> problems = new ArrayList<>();
            describe(problems, "missing", missing);
            describe(problems, "unknown", unknown);
            describe(problems, "repeated", repeated);
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s does not fit the %,d samples evaluated (%,d rows): %s%s",
                    source, expected.size(), rows.size(), String.join(", ", problems),
                    unknown.isEmpty() ? "" : "; samples are named like " + expected.stream().min(String::compareTo).orElseThrow()));
        }
        return new Predictions(k, topByName);
    }

    private static void checkRow(PredictionRow row, int number, int k, int classes, String source) {
        String where = source + " row " + number + " (" + row.name() + ")";
        if (row.top().size() != k) {
            throw new IllegalArgumentException(where + " holds " + row.top().size() + " labels, row 1 holds " + k);
        }
        Set<Integer> seen = new HashSet<>();
        for (int label : row.top()) {
            if (label < 0 || label >= classes) {
                throw new IllegalArgumentException(where + ": " + label + " is not a label 0.." + (classes - 1));
            }
            if (!seen.add(label)) {
                throw new IllegalArgumentException(where + " predicts label " + label + " twice");
            }
        }
    }

    private static void describe(List<String> problems, String kind, Collection<String> names) {
        if (!names.isEmpty()) {
            problems.add(String.format(Locale.ROOT, "%,d %s (%s)", names.size(), kind, FirstNames.of(names)));
        }
    }
}
