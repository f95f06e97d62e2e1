package org.imagenetwds.dataset;

import java.util.Collection;
import java.util.stream.Collectors;

/** How a message names a list that may be long: its first few, then "..." when there are more. */
public final class FirstNames {

    private FirstNames() {
    }

    /** {@code a, b, c, ...} for more than {@code few}; all of them otherwise. */
    public static String of(Collection<?> names, int few) {
        return names.stream().limit(few).map(String::valueOf).collect(Collectors.joining(", ")) + (names.size() > few ? ", ..." : "");
    }
}
