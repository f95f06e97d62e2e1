package org.imagenetwds.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.spark.PipelineOptions;

/**
 * The inputs each pipeline command reads beyond {@code --output} (which picocli requires of all of
 * them), for its recipe. Checked before Spark starts and before anything is created, so that a missing
 * option is a usage error (SPEC §7: exit 2, one line) instead of a failure found by a stage halfway.
 */
final class RequiredOptions {

    private RequiredOptions() {
    }

    /** The missing options {@code command} ({@code run} or a stage) needs for {@code options}, each with what it is; empty when none. */
    private static List<String> missing(String command, PipelineOptions options) {
        boolean run = command.equals("run");
        boolean given = options.recipe().validation() instanceof ValidationSource.Ilsvrc2012Devkit;
        Map<String, Boolean> needed = new LinkedHashMap<>(); // option -> given; an option several stages read once
        if (run || command.equals("count")) { // inventories the release and a given validation set
            needed.put(PipelineOptionsMixin.INPUT, options.input() != null);
            if (given) {
                needed.put(PipelineOptionsMixin.VAL_INPUT, options.valInput() != null);
                needed.put(PipelineOptionsMixin.DEVKIT, options.devkit() != null);
            }
        }
        if ((run || command.equals("select")) && given) { // the classes must be the devkit's
            needed.put(PipelineOptionsMixin.DEVKIT, options.devkit() != null);
        }
        if ((run || command.equals("write")) && !options.labelSetFiles().isEmpty()) { // label sets are read against it
            needed.put(PipelineOptionsMixin.DEVKIT, options.devkit() != null);
        }
        if ((run || command.equals("verify")) && given) { // checks the validation samples against them
            needed.put(PipelineOptionsMixin.VAL_INPUT, options.valInput() != null);
            needed.put(PipelineOptionsMixin.DEVKIT, options.devkit() != null);
        }
        List<String> missing = new ArrayList<>();
        needed.forEach((option, present) -> {
            if (!present) {
                missing.add(option);
            }
        });
        return missing;
    }

    /** One line for a usage error, or null when nothing is missing. */
    static String problem(String command, PipelineOptions options) {
        List<String> missing = missing(command, options);
        if (missing.isEmpty()) {
            return null;
        }
        boolean validation = missing.contains(PipelineOptionsMixin.VAL_INPUT) || missing.contains(PipelineOptionsMixin.DEVKIT);
        return "missing " + String.join(" and ", missing) + (validation
                ? ": the recipe takes its validation set from ILSVRC2012_img_val.tar and ILSVRC2012_devkit_t12.tar.gz "
                        + "(or their folders)"
                : "");
    }
}
