package org.imagenetwds.spark.evaluate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.labels.MultiLabelAnnotation;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationFiles;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.spark.PipelineFailure;
import org.imagenetwds.spark.io.ParquetTables;
import org.imagenetwds.spark.stages.LabelsTable;

/** The label sets a build attached ({@code --label-set}), read back from its {@code _meta/labels}. */
public final class AttachedLabels {

    private AttachedLabels() {
    }

    /**
     * @param attached the sets {@code _info.json} says the build attached
     * @param images   the validation images: ReaL must give every one a set
     */
    public static ValidationLabels read(Path dataset, Configuration conf, Set<LabelSet> attached, int images)
            throws IOException {
        if (attached.isEmpty()) {
            return ValidationLabels.NONE;
        }
        Path table = new Path(dataset, "_meta/labels");
        List<List<Integer>> realSets = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            realSets.add(null);
        }
        Map<String, MultiLabelAnnotation> annotations = new HashMap<>();
        ParquetTables.forEachRow(table, conf, row -> {
            String file = row.getString(LabelsTable.FILENAME, 0);
            int number = ValidationFiles.numberOf(file);
            if (attached.contains(LabelSet.REAL) && number <= images) {
                realSets.set(number - 1, labels(row, LabelsTable.REAL_LABELS));
            }
            if (row.getFieldRepetitionCount(LabelsTable.CORRECT) > 0) {
                annotations.put(file, new MultiLabelAnnotation(labels(row, LabelsTable.CORRECT),
                        labels(row, LabelsTable.UNCLEAR), labels(row, LabelsTable.WRONG),
                        row.getBoolean(LabelsTable.PROBLEMATIC, 0), row.getBoolean(LabelsTable.IMAGENET_M, 0)));
            }
        });
        if (realSets.contains(null) && attached.contains(LabelSet.REAL)) {
            throw new PipelineFailure(table + " lacks the ReaL labels of " + ValidationFiles.nameOf(realSets.indexOf(null) + 1)
                    + ": the dataset is not whole");
        }
        return new ValidationLabels(
                attached.contains(LabelSet.REAL) ? Optional.of(new RealLabels(realSets)) : Optional.empty(),
                attached.contains(LabelSet.MULTILABEL) ? Optional.of(new MultiLabelAnnotations(annotations)) : Optional.empty());
    }

    /** A list column as Spark writes it: a LIST group of repeated {@code list} groups, each with an {@code element}. */
    private static List<Integer> labels(Group row, String column) {
        if (row.getFieldRepetitionCount(column) == 0) {
            return List.of();
        }
        Group list = row.getGroup(column, 0);
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < list.getFieldRepetitionCount("list"); i++) {
            labels.add(list.getGroup("list", i).getInteger("element", 0));
        }
        return labels;
    }
}
