package org.imagenetwds.evaluate;

/** A running count of scored and correct images, one per metric (and per class). */
final class Tally {

    private long correct;
    private long total;

    static Tally[] perClass(int classes) {
        Tally[] tallies = new Tally[classes];
        for (int i = 0; i < classes; i++) {
            tallies[i] = new Tally();
        }
        return tallies;
    }

    void add(boolean isCorrect) {
        total++;
        if (isCorrect) {
            correct++;
        }
    }

    Accuracy accuracy() {
        return new Accuracy(correct, total);
    }

    /** The classes' counts added up: the metric over all images. */
    static Accuracy pooled(Tally[] perClass) {
        long correct = 0;
        long total = 0;
        for (Tally t : perClass) {
            correct += t.correct;
            total += t.total;
        }
        return new Accuracy(correct, total);
    }
}
