package org.imagenetwds.recipe;

import java.io.Serializable;

import org.imagenetwds.plan.HoldoutOrder;

/** Where a recipe's validation split comes from. */
public sealed interface ValidationSource extends Serializable {

    /**
     * {@code perClass} samples of each class held out of the train input, the first in {@code order}:
     * by seeded hash (ImageNet-12k) or by file name (ImageNet-21K-P).
     */
    record HeldOut(int perClass, HoldoutOrder order) implements ValidationSource {
        public HeldOut {
            if (perClass < 1) {
                throw new IllegalArgumentException("--val-per-class must be positive, got " + perClass);
            }
            java.util.Objects.requireNonNull(order, "order");
        }

        /** Held out by seeded hash. */
        public HeldOut(int perClass) {
            this(perClass, HoldoutOrder.SEEDED_HASH);
        }
    }

    /**
     * The official ILSVRC-2012 validation images, a separate input ({@code --val-input}), labelled
     * by the devkit's ground truth ({@code --devkit}) and kept whole, in file-name order.
     */
    record Ilsvrc2012Devkit() implements ValidationSource {
    }

    /** No validation split: every sample trains (ImageNet-21k winter21 as published). */
    record TrainOnly() implements ValidationSource {
    }
}
