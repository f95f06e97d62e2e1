package org.imagenetwds.spark;

import java.io.Serializable;

import org.apache.hadoop.fs.Path;
import org.imagenetwds.recipe.Recipe;

/**
 * A run: the recipe of the dataset (SPEC §11) and where its inputs and output are (SPEC §7).
 *
 * @param valInput a given validation set (ILSVRC-2012's val tar or folder), or null
 * @param devkit   the ILSVRC-2012 devkit labelling {@code valInput}, or null
 * @param work     null for the default {@code <output>/_work}
 */
public record PipelineOptions(Recipe recipe, String input, String valInput, String devkit, String output, String work,
                              double maxRejectFraction) implements Serializable {

    public PipelineOptions {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output is required");
        }
        if (maxRejectFraction < 0 || maxRejectFraction > 1) {
            throw new IllegalArgumentException("--max-reject-fraction must be within 0..1, got " + maxRejectFraction);
        }
    }

    public Path outputPath() {
        return new Path(output);
    }

    public Path workPath() {
        return work != null ? new Path(work) : new Path(output, "_work");
    }
}
