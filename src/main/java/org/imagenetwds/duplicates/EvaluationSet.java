package org.imagenetwds.duplicates;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.dataset.SampleKeys;

/**
 * One evaluation set of {@code --decontaminate}: a tar or folder of test images no written train sample may
 * be near (a recipe's given validation images are exempt). Its name (the URI's last path segment, {@code ILSVRC2012_img_val.tar}) is what the output records
 * ({@code _info.json}, {@code _meta/decontaminated.parquet}'s {@code eval_set}): a build's output does not
 * depend on where the set was read from, as a class list is recorded by its name.
 */
public record EvaluationSet(String name, String uri) implements Serializable {

    /** The option that gives the sets, as messages name it. */
    public static final String OPTION = "--decontaminate";

    public EvaluationSet {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(OPTION + ": an evaluation set needs a name, got " + uri);
        }
    }

    /** The sets of {@code --decontaminate URI[,URI…]}, in the order given; two of one name fail, naming both. */
    public static List<EvaluationSet> parseList(String uris) {
        List<EvaluationSet> sets = new ArrayList<>();
        Map<String, String> uriByName = new HashMap<>();
        for (String uri : uris.split(",", -1)) {
            String trimmed = uri.strip();
            if (trimmed.isEmpty()) {
                throw new IllegalArgumentException(OPTION + " holds an empty URI: " + uris);
            }
            EvaluationSet set = new EvaluationSet(nameOf(trimmed), trimmed);
            String before = uriByName.put(set.name(), trimmed);
            if (before != null) {
                throw new IllegalArgumentException(OPTION + ": two evaluation sets are named " + set.name() + " ("
                        + before + " and " + trimmed + "): the output names each set by its last path segment");
            }
            sets.add(set);
        }
        return List.copyOf(sets);
    }

    /** A set read back from {@code _info.json}, where only its name is recorded. */
    public static EvaluationSet recorded(String name) {
        return new EvaluationSet(name, name);
    }

    private static String nameOf(String uri) {
        return SampleKeys.baseName(uri.replaceAll("/+$", "")); // a folder given as dir/ is named dir
    }
}
