package org.imagenetwds.recipe;

import java.io.Serializable;
import java.util.Map;

import org.imagenetwds.plan.ClassSelector;
import org.imagenetwds.plan.Selection;

/** How a recipe chooses its classes from the per-synset usable counts of the input. */
public sealed interface ClassChoice extends Serializable {

    Selection choose(Map<String, Long> usableCounts);

    /** The {@code classes} synsets with the most usable images, ties by synset id (ImageNet-12k). */
    record TopK(int classes) implements ClassChoice {
        public TopK {
            if (classes < 1) {
                throw new IllegalArgumentException("--classes must be positive, got " + classes);
            }
        }

        @Override
        public Selection choose(Map<String, Long> usableCounts) {
            return ClassSelector.topK(usableCounts, classes);
        }
    }

    /** Every synset with at least {@code minPerClass} usable images. */
    record MinPerClass(int minPerClass) implements ClassChoice {
        public MinPerClass {
            if (minPerClass < 1) {
                throw new IllegalArgumentException("--min-per-class must be positive, got " + minPerClass);
            }
        }

        @Override
        public Selection choose(Map<String, Long> usableCounts) {
            return ClassSelector.minPerClass(usableCounts, minPerClass);
        }
    }

    /** Every synset of the input that has a usable image (ImageNet-1k: the 1,000 of the release). */
    record AllOfInput() implements ClassChoice {
        @Override
        public Selection choose(Map<String, Long> usableCounts) {
            return ClassSelector.minPerClass(usableCounts, 1);
        }
    }
}
