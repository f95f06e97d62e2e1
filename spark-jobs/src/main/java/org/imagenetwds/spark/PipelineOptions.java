package org.imagenetwds.spark;

import java.io.Serializable;

import java.util.EnumMap;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.staging.InputStaging;

/**
 * A run: the recipe of the dataset (SPEC §11) and where its inputs and output are (SPEC §7).
 *
 * @param valInput a given validation set (ILSVRC-2012's val tar or folder), or null
 * @param devkit   the ILSVRC-2012 devkit labelling {@code valInput}, or null
 * @param work     null for the default {@code <output>/_work}
 * @param labelSetFiles the file of each label set the recipe attaches ({@code --label-set real=URI})
 * @param stageInputs   whether count copies the ranges of one big input object under {@code work} for write to read
 */
public record PipelineOptions(Recipe recipe, String input, String valInput, String devkit, String output, String work,
                              double maxRejectFraction, Map<LabelSet, String> labelSetFiles, InputStaging stageInputs)
        implements Serializable {

    /** A run that stages inputs when they are one object on an object store ({@link InputStaging#AUTO}). */
    public PipelineOptions(Recipe recipe, String input, String valInput, String devkit, String output, String work,
                           double maxRejectFraction, Map<LabelSet, String> labelSetFiles) {
        this(recipe, input, valInput, devkit, output, work, maxRejectFraction, labelSetFiles, InputStaging.AUTO);
    }

    /** A run without label sets. */
    public PipelineOptions(Recipe recipe, String input, String valInput, String devkit, String output, String work,
                           double maxRejectFraction) {
        this(recipe, input, valInput, devkit, output, work, maxRejectFraction, Map.of());
    }

    public PipelineOptions {
        labelSetFiles = labelSetFiles.isEmpty() ? Map.of() : new EnumMap<>(labelSetFiles);
        java.util.Objects.requireNonNull(stageInputs, "stageInputs");
        if (!labelSetFiles.keySet().equals(recipe.labelSets())) {
            throw new IllegalArgumentException("the recipe attaches label sets " + recipe.labelSets() + ", files are given for "
                    + labelSetFiles.keySet());
        }
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
