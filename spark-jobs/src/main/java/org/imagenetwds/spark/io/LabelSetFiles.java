package org.imagenetwds.spark.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.stages.StageMarkers;

/**
 * The label set files of a run ({@code --label-set}), read on the driver and checked against the
 * devkit: ReaL must list exactly its validation images, the multi-label file may annotate only them
 * and name only its classes' WNIDs.
 */
public final class LabelSetFiles {

    private LabelSetFiles() {
    }

    public static ValidationLabels read(PipelineOptions options, Ilsvrc2012Devkit devkit, Configuration conf)
            throws IOException {
        Map<LabelSet, String> files = options.labelSetFiles();
        Optional<RealLabels> real = Optional.empty();
        Optional<MultiLabelAnnotations> multiLabel = Optional.empty();
        if (files.containsKey(LabelSet.REAL)) {
            String uri = files.get(LabelSet.REAL);
            try (InputStream in = Storage.open(new Path(uri), conf)) {
                real = Optional.of(RealLabels.read(in, uri, devkit.validationImages()));
            }
        }
        if (files.containsKey(LabelSet.MULTILABEL)) {
            String uri = files.get(LabelSet.MULTILABEL);
            try (InputStream in = Storage.open(new Path(uri), conf)) {
                MultiLabelAnnotations annotations = MultiLabelAnnotations.read(in, uri, devkit.classes());
                ValidationLabels.checkFits(annotations, devkit.validationImages(), uri);
                multiLabel = Optional.of(annotations);
            }
        }
        return new ValidationLabels(real, multiLabel);
    }

    /** Each file and its listing (size, modification time), so a replaced file rewrites the samples. */
    public static void fingerprint(StageMarkers.Fingerprint parts, PipelineOptions options, Configuration conf)
            throws IOException {
        for (Map.Entry<LabelSet, String> e : options.labelSetFiles().entrySet()) {
            parts.with("--label-set " + e.getKey().code(), e.getValue())
                    .with(e.getKey().code() + " listing", Storage.listingFingerprint(new Path(e.getValue()), conf, false));
        }
    }
}
