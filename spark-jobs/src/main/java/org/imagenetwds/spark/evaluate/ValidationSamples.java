package org.imagenetwds.spark.evaluate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.evaluate.PredictionRow;
import org.imagenetwds.evaluate.PredictionTable;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.io.ParquetTables;
import org.imagenetwds.spark.io.Storage;

/**
 * A built dataset's validation split as an evaluation sees it: each sample's original label by its
 * file name (the json's {@code filename}, the manifest's {@code member} base name), which label sets
 * and predictions are filed by, read from {@code _meta/manifest} on the driver.
 *
 * @param labelByFile original label by validation file name
 * @param fileByKey   file name by sample key, for predictions keyed by sample key
 * @param classes     class WNIDs (or ids) in label order, from {@code classes.txt}
 * @param labelSets   the label sets the build attached ({@code _meta/labels})
 */
public record ValidationSamples(Map<String, Integer> labelByFile, Map<String, String> fileByKey, List<String> classes,
                                Set<LabelSet> labelSets) {

    public ValidationSamples {
        labelByFile = Map.copyOf(labelByFile);
        fileByKey = Map.copyOf(fileByKey);
        classes = List.copyOf(classes);
        labelSets = Set.copyOf(labelSets);
    }

    public static ValidationSamples read(Path dataset, Configuration conf) throws IOException {
        DatasetInfo info = DatasetInfo.parse(Storage.read(new Path(dataset, "_info.json"), conf));
        List<String> classes = new String(Storage.read(new Path(dataset, "classes.txt"), conf), StandardCharsets.UTF_8)
                .lines().toList();
        if (classes.size() != info.numClasses()) {
            throw new PipelineFailure(dataset + "/classes.txt lists " + classes.size() + " classes, _info.json says "
                    + info.numClasses());
        }
        Map<String, Integer> labelByFile = new HashMap<>();
        Map<String, String> fileByKey = new HashMap<>();
        ParquetTables.forEachRow(new Path(dataset, "_meta/manifest"), conf, row -> {
            if (ShardLayout.VALIDATION.equals(row.getString("split", 0))) {
                String file = SampleKeys.baseName(row.getString("member", 0));
                if (labelByFile.put(file, row.getInteger("label", 0)) != null) {
                    throw new PipelineFailure(dataset + "/_meta/manifest holds validation file " + file
                            + " twice: predictions by file name would be ambiguous");
                }
                fileByKey.put(row.getString("key", 0), file);
            }
        });
        if (labelByFile.isEmpty()) {
            throw new PipelineFailure(dataset + " has no validation samples in _meta/manifest");
        }
        return new ValidationSamples(labelByFile, fileByKey, classes, info.recipe().labelSets());
    }

    /** The rows with each sample named by its file name; a key that names no sample is kept as given (an unknown name). */
    public List<PredictionRow> byFileName(PredictionTable table) {
        if (!table.byKey()) {
            return table.rows();
        }
        return table.rows().stream().map(r -> new PredictionRow(fileByKey.getOrDefault(r.name(), r.name()), r.top())).toList();
    }

    public int size() {
        return labelByFile.size();
    }
}
