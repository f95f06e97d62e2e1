package org.imagenetwds.evaluate;

import java.util.Collection;
import java.util.stream.Collectors;

/** How an error shows a long list of offenders: the first few, then "..." when there are more. */
final class FirstNames {

    private static final int SHOWN = 5;

    private FirstNames() {
    }

    static String of(Collection<?> items) {
        return items.stream().limit(SHOWN).map(String::valueOf).collect(Collectors.joining(" "))
                + (items.size() > SHOWN ? " ..." : "");
    }
}
