package org.imagenetwds.evaluate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The columns every predictions format shares: the sample named by {@code filename} (a validation
 * file name) or {@code key} (a sample key), and its labels as {@code top5} (best first) or {@code label}.
 */
public final class PredictionColumns {

    public static final String FILENAME = "filename";
    public static final String KEY = "key";
    public static final String TOP5 = "top5";
    public static final String LABEL = "label";

    private PredictionColumns() {
    }

    /** The column naming samples: {@code filename} when present, else {@code key}. */
    public static String nameColumn(Collection<String> columns, String source) {
        if (columns.contains(FILENAME)) {
            return FILENAME;
        }
        if (columns.contains(KEY)) {
            return KEY;
        }
        throw new IllegalArgumentException(source + " has no '" + FILENAME + "' or '" + KEY + "' column (found: "
                + String.join(", ", columns) + ")");
    }

    /** The column holding labels: {@code top5} when present, else {@code label}. */
    public static String labelColumn(Collection<String> columns, String source) {
        if (columns.contains(TOP5)) {
            return TOP5;
        }
        if (columns.contains(LABEL)) {
            return LABEL;
        }
        throw new IllegalArgumentException(source + " has no '" + TOP5 + "' or '" + LABEL + "' column (found: "
                + String.join(", ", columns) + ")");
    }

    /**
     * A row's labels from column {@code column}: a {@code top5} column must hold five, since one
     * would be read as label-only predictions and the top-5 metric would silently go.
     */
    public static List<Integer> checked(String column, List<Integer> labels, String where) {
        if (TOP5.equals(column) && labels.size() == 1) {
            throw new IllegalArgumentException(where + ": its " + TOP5 + " holds 1 label: give the 5 best, best first,"
                    + " or name the column " + LABEL);
        }
        return labels;
    }

    /**
     * Labels written as text: integers separated by spaces or semicolons ({@code "65 970 230 1 2"}), or a
     * bracketed list as pandas and JSON write it ({@code "[65, 970, 230, 1, 2]"}).
     *
     * @param where how an error names the value (file and line)
     */
    public static List<Integer> parseLabels(String text, String where) {
        List<Integer> labels = new ArrayList<>();
        String list = text.trim();
        if (list.startsWith("[") && list.endsWith("]")) { // a list as pandas or JSON writes it: [65, 970, 230]
            list = list.substring(1, list.length() - 1).replace(',', ' ');
        }
        for (String token : list.trim().split("[\\s;]+")) {
            if (token.isEmpty()) {
                continue;
            }
            try {
                labels.add(Integer.parseInt(token));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + token + "' is not a label");
            }
        }
        if (labels.isEmpty()) {
            throw new IllegalArgumentException(where + " has no label");
        }
        return labels;
    }
}
