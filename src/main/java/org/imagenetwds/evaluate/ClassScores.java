package org.imagenetwds.evaluate;

import java.util.Optional;

/**
 * One class's scores, over the samples whose original label it is.
 *
 * @param realTop1   over the class's images with a non-empty ReaL set; empty without ReaL labels
 * @param multiLabel over the class's annotated, non-problematic images; empty without annotations
 */
public record ClassScores(int label, Accuracy top1, Optional<Accuracy> realTop1, Optional<Accuracy> multiLabel) {

    /** The samples whose original label is this class. */
    public long images() {
        return top1.total();
    }
}
