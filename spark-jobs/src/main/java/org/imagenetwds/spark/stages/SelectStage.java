package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.plan.ClassSelector;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

/** {@code select}: the classes, from the per-synset usable counts (a few thousand rows, on the driver). */
public final class SelectStage {

    private SelectStage() {
    }

    public static Selection run(SparkSession spark, PipelineOptions options) throws IOException {
        Map<String, Long> usable = new LinkedHashMap<>();
        CountStage.counts(spark, options).forEach(c -> usable.put(c.synset(), c.usable()));
        Selection selection = options.minPerClass() > 0
                ? ClassSelector.minPerClass(usable, options.minPerClass())
                : ClassSelector.topK(usable, options.classes());
        Storage.writeAtomically(WorkPaths.of(options).selection(), selection.toJson(),
                spark.sparkContext().hadoopConfiguration());
        System.out.println("select: " + selection.synsets().size() + " of " + selection.candidates()
                + " synsets, cut-off count " + selection.cutoffCount()
                + (selection.tieSplit() ? " (a tie at the cut-off was split by synset id)" : " (no tie split)"));
        return selection;
    }

    public static Selection read(SparkSession spark, PipelineOptions options) throws IOException {
        return Selection.parse(Storage.read(WorkPaths.of(options).selection(), spark.sparkContext().hadoopConfiguration()));
    }
}
