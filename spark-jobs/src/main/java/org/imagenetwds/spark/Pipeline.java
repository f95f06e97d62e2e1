package org.imagenetwds.spark;

import java.io.IOException;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.stages.CountStage;
import org.imagenetwds.spark.stages.SelectStage;
import org.imagenetwds.spark.stages.SplitStage;
import org.imagenetwds.spark.stages.StageMarkers;
import org.imagenetwds.spark.stages.VerifyStage;
import org.imagenetwds.spark.stages.WriteStage;

/**
 * The stages in order, each skipped when its recorded fingerprint matches (same input and
 * options): {@code run} resumes where a previous run stopped; {@code write} itself resumes shard
 * by shard.
 */
public final class Pipeline {

    public static final List<String> STAGES = List.of("count", "select", "split", "write");

    private final SparkSession spark;
    private final PipelineOptions options;
    private final StageMarkers markers;

    public Pipeline(SparkSession spark, PipelineOptions options) {
        this.spark = spark;
        this.options = options;
        this.markers = new StageMarkers(WorkPaths.of(options), spark.sparkContext().hadoopConfiguration());
    }

    /** All stages, then verify. */
    public VerifyStage.Report run() throws IOException {
        for (String stage : STAGES) {
            runStage(stage, false);
        }
        return verify();
    }

    /** Runs one stage; unless {@code force}, skips it when it already ran with the same fingerprint. */
    public void runStage(String stage, boolean force) throws IOException {
        String fingerprint = fingerprint(stage);
        if (!force && markers.isDone(stage, fingerprint)) {
            System.out.println(stage + ": up to date, skipped");
            return;
        }
        long start = System.nanoTime();
        switch (stage) {
            case "count" -> {
                CountStage.run(spark, options);
                List<CountStage.SynsetCount> counts = CountStage.counts(spark, options);
                checkRejectFraction(counts.stream().mapToLong(CountStage.SynsetCount::members).sum(),
                        counts.stream().mapToLong(c -> c.members() - c.usable()).sum());
            }
            case "select" -> SelectStage.run(spark, options);
            case "split" -> SplitStage.run(spark, options);
            case "write" -> {
                BuildStats stats = WriteStage.run(spark, options, fingerprint);
                checkRejectFraction(stats.inputMembers(), stats.rejected());
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        }
        markers.markDone(stage, fingerprint);
        System.out.printf("%s: done in %.1f s%n", stage, (System.nanoTime() - start) / 1e9);
    }

    public VerifyStage.Report verify() throws IOException {
        long start = System.nanoTime();
        VerifyStage.Report report = VerifyStage.run(spark, options);
        System.out.printf("verify: done in %.1f s%n", (System.nanoTime() - start) / 1e9);
        System.out.print(report.render());
        return report;
    }

    /**
     * What a stage's output depends on: the upstream stage's recorded fingerprint and the stage's
     * own options ({@code count}: the input listing and the header rules).
     */
    String fingerprint(String stage) throws IOException {
        return switch (stage) {
            case "count" -> {
                if (options.input() == null) {
                    throw new IllegalArgumentException("--input is required for count");
                }
                yield StageMarkers.fingerprint("count", options.input(),
                        InputLocator.fingerprint(options.input(), spark.sparkContext().hadoopConfiguration()),
                        options.minEdge(), options.maxPixels());
            }
            case "select" -> StageMarkers.fingerprint("select", upstream("count"), options.classes(), options.minPerClass());
            case "split" -> StageMarkers.fingerprint("split", upstream("select"), options.seed(), options.valPerClass(),
                    options.trainShards(), options.valShards());
            case "write" -> StageMarkers.fingerprint("write", upstream("split"), options.name(), options.maxShortEdge(),
                    options.jpegQuality());
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        };
    }

    private String upstream(String stage) throws IOException {
        String recorded = markers.recorded(stage);
        if (recorded == null) {
            throw new PipelineFailure("stage " + stage + " has not run for " + WorkPaths.of(options).work()
                    + ": run it (or 'run') first");
        }
        return recorded;
    }

    private void checkRejectFraction(long members, long rejected) {
        if (members == 0) {
            throw new PipelineFailure("input " + options.input() + " holds no members");
        }
        double fraction = (double) rejected / members;
        if (fraction > options.maxRejectFraction()) {
            throw new PipelineFailure(String.format(
                    "%d of %d input members rejected (%.2f%%), above --max-reject-fraction %s; the reasons are in %s",
                    rejected, members, 100 * fraction, options.maxRejectFraction(),
                    WorkPaths.of(options).inventory()));
        }
    }
}
