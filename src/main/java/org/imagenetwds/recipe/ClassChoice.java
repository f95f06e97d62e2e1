package org.imagenetwds.recipe;

import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

import org.imagenetwds.plan.ClassSelector;
import org.imagenetwds.plan.Selection;

/** How a recipe chooses its classes from the per-synset usable counts of the input. */
public sealed interface ClassChoice extends Serializable {

    /** Reads a list the choice names (any Hadoop URI: the caller knows the stores). */
    @FunctionalInterface
    interface ListReader {
        byte[] read(String source) throws IOException;
    }

    /**
     * @param usableCounts usable images per synset (the image rules applied)
     * @param fileCounts   files per synset, before any image rule
     */
    Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) throws IOException;

    /** The {@code classes} synsets with the most usable images, ties by synset id (ImageNet-12k). */
    record TopK(int classes) implements ClassChoice {
        public TopK {
            if (classes < 1) {
                throw new IllegalArgumentException("--classes must be positive, got " + classes);
            }
        }

        @Override
        public Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) {
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
        public Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) {
            return ClassSelector.minPerClass(usableCounts, minPerClass);
        }
    }

    /**
     * The synsets of a list, one WNID per line ({@code --classes-file}, e.g. timm's published
     * {@code imagenet12k_synsets.txt}): {@code name} is the file's stem, {@code source} its URI.
     */
    record Listed(String name, String source) implements ClassChoice {
        @Override
        public Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) throws IOException {
            return ClassSelector.listed(usableCounts, ClassList.parse(lists.read(source), source), source);
        }
    }

    /**
     * Every synset with more than {@code files} files, counted before any image rule (ImageNet-21K-P:
     * more than 500, as its script counts {@code ls $c/*.JPEG | wc -l}).
     */
    record MoreThanFiles(int files) implements ClassChoice {
        public MoreThanFiles {
            if (files < 0) {
                throw new IllegalArgumentException("a class needs more than a non-negative number of files, got " + files);
            }
        }

        @Override
        public Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) {
            return ClassSelector.moreThanFiles(usableCounts, fileCounts, files);
        }
    }

    /** Every synset of the input that has a usable image (ImageNet-1k: the 1,000 of the release). */
    record AllOfInput() implements ClassChoice {
        @Override
        public Selection choose(Map<String, Long> usableCounts, Map<String, Long> fileCounts, ListReader lists) {
            return ClassSelector.minPerClass(usableCounts, 1);
        }
    }
}
