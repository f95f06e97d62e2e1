package org.imagenetwds.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.evaluate.Evaluation;
import org.imagenetwds.evaluate.EvaluationResult;
import org.imagenetwds.evaluate.PredictionValidator;
import org.imagenetwds.evaluate.Predictions;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.spark.evaluate.AttachedLabels;
import org.imagenetwds.spark.evaluate.EvaluationOutput;
import org.imagenetwds.spark.evaluate.PredictionsInput;
import org.imagenetwds.spark.evaluate.ValidationSamples;
import org.imagenetwds.spark.io.Storage;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: scores a model's predictions on a built dataset's validation split (SPEC §11,
 * issue #12): top-1/top-5 on its own labels and, given their files, ReaL and multi-label accuracy.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score predictions on a dataset's validation split: top-1/top-5, and with --real / --multilabel "
                + "ReaL top-1/top-5, multi-label accuracy and ImageNet-M. Prints a table; --output also writes "
                + "evaluation.json and per_class/ (Parquet).")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--dataset", required = true, paramLabel = "URI", description = "A built dataset (its _info.json, classes.txt and _meta/manifest).")
    String dataset;

    @Option(names = "--predictions", required = true, paramLabel = "URI",
            description = "One row per validation sample: filename (or key), and top5 (labels best first) or label; "
                    + "format by name: " + PredictionsInput.FORMATS + ".")
    String predictions;

    @Option(names = "--output", paramLabel = "URI", description = "Where evaluation.json and per_class/ go.")
    String output;

    @Option(names = "--real", paramLabel = "URI", description = "ReaL labels (real.json) of the validation images, in file order (default: the ones the build attached, if any).")
    String real;

    @Option(names = "--multilabel", paramLabel = "URI", description = "Multi-label annotations (human_accuracy_v3.0.0.json) (default: the ones the build attached, if any).")
    String multilabel;

    @Mixin
    SparkOptionsMixin sparkOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!PredictionsInput.isKnownFormat(predictions)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--predictions " + predictions
                    + ": the name must end with " + PredictionsInput.FORMATS);
        }
        SparkSession spark = sparkOptions.open("imagenet-wds evaluate");
        try {
            Configuration conf = spark.sparkContext().hadoopConfiguration();
            ValidationSamples samples = ValidationSamples.read(new Path(dataset), conf);
            Predictions given = PredictionValidator.validate(samples.byFileName(PredictionsInput.read(spark, predictions)),
                    samples.labelByFile().keySet(), samples.classes().size(), predictions);
            // label files given now win over the sets the build attached
            ValidationLabels attached = AttachedLabels.read(new Path(dataset), conf, samples.labelSets(), samples.size());
            Optional<RealLabels> realLabels = attached.real();
            Optional<MultiLabelAnnotations> annotations = attached.multiLabel();
            if (real != null) {
                try (InputStream in = Storage.open(new Path(real), conf)) {
                    realLabels = Optional.of(RealLabels.read(in, real, samples.size()));
                }
            }
            if (multilabel != null) {
                try (InputStream in = Storage.open(new Path(multilabel), conf)) {
                    annotations = Optional.of(MultiLabelAnnotations.read(in, multilabel, samples.classes()));
                }
            }
            EvaluationResult result = new Evaluation(samples.labelByFile(), samples.classes().size(), given, realLabels,
                    annotations).run();
            System.out.print(result.renderTable());
            if (output != null) {
                EvaluationOutput.write(spark, result, samples.classes(), output, dataset, predictions);
                System.out.println("wrote " + new Path(output, EvaluationOutput.SUMMARY) + " and "
                        + new Path(output, EvaluationOutput.PER_CLASS));
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
