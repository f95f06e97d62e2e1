package org.imagenetwds.evaluate;

/**
 * A count of correct predictions out of the images scored, kept as integers so two computations of
 * a metric compare exactly.
 */
public record Accuracy(long correct, long total) {

    public Accuracy {
        if (correct < 0 || correct > total) {
            throw new IllegalArgumentException("an accuracy needs 0 <= correct <= total, got " + correct + " of " + total);
        }
    }

    /** correct / total; NaN when no image was scored. */
    public double value() {
        return (double) correct / total;
    }
}
