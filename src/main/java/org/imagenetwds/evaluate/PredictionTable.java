package org.imagenetwds.evaluate;

import java.util.List;

/**
 * The rows of a predictions file as read, before they are checked against the samples evaluated.
 *
 * @param byKey whether the rows name their samples by sample key ({@code key} column) rather than by
 *              validation file name ({@code filename} column)
 */
public record PredictionTable(boolean byKey, List<PredictionRow> rows) {

    public PredictionTable {
        rows = List.copyOf(rows);
    }
}
