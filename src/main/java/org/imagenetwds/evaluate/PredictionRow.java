package org.imagenetwds.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One row of a predictions file as its reader parsed it: the sample it is for (validation file name or
 * sample key) and its predicted labels, best first.
 */
public record PredictionRow(String name, List<Integer> top) {

    public PredictionRow {
        Objects.requireNonNull(name, "a prediction row has no sample name");
        top = List.copyOf(top);
    }

    public PredictionRow(String name, int... top) {
        this(name, Arrays.stream(top).boxed().toList());
    }
}
