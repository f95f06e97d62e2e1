package org.imagenetwds.labels;

import java.io.Serializable;
import java.util.List;

/**
 * One ILSVRC-2012 validation image's expert review (Shankar et al. 2020, TFDS
 * {@code imagenet2012_multilabel}): the labels judged correct, unclear and wrong (sorted-WNID
 * indices, ascending), whether the image was marked problematic, and whether it is one of the 68
 * ImageNet-M images.
 */
public record MultiLabelAnnotation(List<Integer> correct, List<Integer> unclear, List<Integer> wrong,
                                   boolean problematic, boolean imagenetM) implements Serializable {

    public MultiLabelAnnotation {
        correct = List.copyOf(correct);
        unclear = List.copyOf(unclear);
        wrong = List.copyOf(wrong);
    }

    /** The papers' and TFDS's rule: a prediction is right when experts found it correct or could not agree (unclear). */
    public boolean accepts(int label) {
        return correct.contains(label) || unclear.contains(label);
    }

    MultiLabelAnnotation marked(boolean isProblematic, boolean inImagenetM) {
        return new MultiLabelAnnotation(correct, unclear, wrong, isProblematic, inImagenetM);
    }
}
