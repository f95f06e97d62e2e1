package org.imagenetwds.evaluate;

/** How many samples of class {@code label} were predicted (top-1) as class {@code predicted}. */
public record Confusion(int label, int predicted, long count) {
}
