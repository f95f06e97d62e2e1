package org.imagenetwds.evaluate;

import java.util.Collection;

/** How many offenders an evaluation error names, in the project's one way of naming a long list. */
final class FirstNames {

    private static final int SHOWN = 5;

    private FirstNames() {
    }

    static String of(Collection<?> items) {
        return org.imagenetwds.dataset.FirstNames.of(items, SHOWN);
    }
}
