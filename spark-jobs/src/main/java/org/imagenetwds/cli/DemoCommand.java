package org.imagenetwds.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.spark.Pipeline;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.verify.OutputChecks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code demo}: generates an input and runs the whole pipeline on it with small defaults. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Generate a small input and run the whole pipeline on it in embedded Spark.")
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder for input and output (default: a new temp folder).")
    Path dir;

    @Mixin
    SparkOptionsMixin sparkOptions;

    @Override
    public Integer call() throws Exception {
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("imagenet-wds-demo");
        SampleCorpusGenerator.Summary input = GenerateSampleCommand.generate(root.resolve("input"), 40, 80, 7,
                InputLayout.SYNSET_TARS);
        System.out.println("demo: generated " + GenerateSampleCommand.described(input) + " under " + input.input());
        Path output = root.resolve("output");
        Recipe twelveK = Presets.of(Presets.IMAGENET_12K);
        Recipe recipe = new Recipe(twelveK.name(), new ClassChoice.TopK(25), new ValidationSource.HeldOut(4),
                twelveK.subset(), twelveK.images(), new ShardLayout(8, 2), false, twelveK.seed(), twelveK.format());
        PipelineOptions options = new PipelineOptions(recipe, input.input().toString(), null, null, output.toString(),
                null, 0.05);
        SparkSession spark = sparkOptions.open("imagenet-wds demo");
        try (Progress progress = Progress.start(spark, System.out, false)) {
            OutputChecks.Report report = new Pipeline(spark, options, progress).run();
            DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json")));
            System.out.println();
            System.out.println("demo: shards are in " + output);
            for (DatasetInfo.SplitInfo split : info.splits()) {
                System.out.println("  " + split.name() + ": " + split.numSamples() + " samples in "
                        + split.filenames().size() + " shards (" + split.filenames().get(0) + " ...)");
            }
            System.out.println("demo: _meta/stats.json:");
            System.out.print(new String(Files.readAllBytes(output.resolve("_meta/stats.json")), StandardCharsets.UTF_8));
            System.out.println("demo: the dataset card is " + output.resolve("README.md") + ", its pictures in "
                    + output.resolve("card"));
            return report.ok() ? 0 : 1;
        } finally {
            spark.stop();
        }
    }
}
