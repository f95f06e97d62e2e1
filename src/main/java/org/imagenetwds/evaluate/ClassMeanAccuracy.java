package org.imagenetwds.evaluate;

/**
 * An accuracy averaged over classes, each class weighing the same however many images it has (the
 * multi-label metric: the annotated set is class-balanced, its problematic images are not).
 *
 * @param value   the mean of the per-class accuracies, summed in class order then divided by {@code classes}
 * @param classes the classes averaged
 * @param images  the images scored, over all classes
 */
public record ClassMeanAccuracy(double value, int classes, long images) {
}
