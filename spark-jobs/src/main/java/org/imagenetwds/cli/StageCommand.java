package org.imagenetwds.cli;

import java.util.concurrent.Callable;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.spark.Pipeline;
import org.imagenetwds.spark.Progress;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.RunLock;
import org.imagenetwds.verify.OutputChecks;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
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

    @Option(names = "--quiet", description = "No progress lines, stage lines or summary (scheduled runs); failures are still reported.")
    boolean quiet;

    private final String stage;

    public StageCommand(String stage) {
        this.stage = stage;
    }

    @Override
    public Integer call() throws Exception {
        if (!quiet) {
            return execute();
        }
        // scheduled runs: standard output (progress, stage lines, the summary) goes nowhere; failures
        // and warnings are on standard error, and the exit status is unchanged
        java.io.PrintStream out = System.out;
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        try {
            return execute();
        } finally {
            System.setOut(out);
        }
    }

    private Integer execute() throws Exception {
        var options = ImagenetWds.validated(pipeline, spec.commandLine());
        SparkSession spark = sparkOptions.open("imagenet-wds " + stage);
        try (RunLock lock = RunLock.acquire(WorkPaths.of(options).work(), spark.sparkContext().hadoopConfiguration(),
                spark.sparkContext().applicationId());
             Progress progress = Progress.start(spark, System.out, quiet)) {
            System.out.println("Spark UI: " + (spark.sparkContext().uiWebUrl().isDefined()
                    ? spark.sparkContext().uiWebUrl().get()
                    : "off (embedded local mode; --conf spark.ui.enabled=true turns it on)"));
            Pipeline p = new Pipeline(spark, options, progress);
            OutputChecks.Report report = switch (stage) {
                case "run" -> p.run();
                case "verify" -> p.verify();
                default -> {
                    p.runStage(Pipeline.stage(stage), true);
                    yield null;
                }
            };
            if (report != null && !report.ok()) {
                System.err.println("imagenet-wds: verify found " + report.problems().size() + " problem(s) in " + options.output()
                        + (report.damagedShards().isEmpty() || stage.equals("run") ? ""
                        : "; 'run' with the build's options writes the " + report.damagedShards().size()
                        + " missing or changed shard(s) again"));
                return 1;
            }
            return 0;
        } finally {
            spark.stop();
        }
    }
}
