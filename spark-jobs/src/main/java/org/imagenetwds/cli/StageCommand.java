package org.imagenetwds.cli;

import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.spark.Pipeline;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.RunLock;
import org.imagenetwds.spark.stages.VerifyStage;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code run} (all stages, resuming) or one stage ({@code count}, {@code select}, {@code split}, {@code write}, {@code verify}). */
@Command(mixinStandardHelpOptions = true)
public final class StageCommand implements Callable<Integer> {

    @Mixin
    PipelineOptionsMixin pipeline;

    @Mixin
    SparkOptionsMixin sparkOptions;

    @Spec
    CommandSpec spec;

    private final String stage;

    public StageCommand(String stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() throws Exception {
        var options = ImagenetWds.validated(pipeline, spec.commandLine());
        SparkSession spark = sparkOptions.open("imagenet-wds " + stage);
        try (RunLock lock = RunLock.acquire(WorkPaths.of(options).work(), spark.sparkContext().hadoopConfiguration())) {
            Pipeline p = new Pipeline(spark, options);
            VerifyStage.Report report = switch (stage) {
                case "run" -> p.run();
                case "verify" -> p.verify();
                default -> {
                    p.runStage(stage, true);
                    yield null;
                }
            };
            if (report != null && !report.ok()) {
                System.err.println("imagenet-wds: verify found " + report.problems().size() + " problem(s) in " + options.output());
                return 1;
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
