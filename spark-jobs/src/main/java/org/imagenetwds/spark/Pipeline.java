package org.imagenetwds.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.RunReport;
import org.imagenetwds.plan.Selection;
import org.imagenetwds.spark.io.InputLocator;
import org.imagenetwds.spark.io.Storage;
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
    private final Progress progress;
    private final RunReport report = new RunReport(Instant.now().toString());

    public Pipeline(SparkSession spark, PipelineOptions options, Progress progress) {
        this.spark = spark;
        this.options = options;
        this.markers = new StageMarkers(WorkPaths.of(options), spark.sparkContext().hadoopConfiguration());
        this.progress = progress;
    }

    /**
     * All stages, then verify. A verify that passed is not repeated while the output listing (each
     * file's name, size and modification time) and the write it checked are unchanged: a scheduled
     * re-run on unchanged input then reads no image and rewrites nothing. The {@code verify} command
     * always re-reads every shard.
     */
    public VerifyStage.Report run() throws IOException {
        for (String stage : STAGES) {
            runStage(stage, false);
        }
        VerifyStage.Report result;
        StageMarkers.Fingerprint verified = verifyFingerprint();
        if (markers.isDone(verified)) {
            String line = "output unchanged since it last passed verify (run 'verify' to re-read every shard)";
            say("verify: " + line + ", skipped");
            report.add(new RunReport.StageRun("verify", false, 0, "samples", 0, 0, 0, 0));
            result = new VerifyStage.Report(List.of(line), List.of());
        } else {
            result = verify();
            if (result.ok()) {
                markers.markDone(verifyFingerprint());
            }
        }
        finishReport();
        return result;
    }

    /** The summary table; and, when the run changed anything, the run appended to {@code _meta/run-report.json}. */
    private void finishReport() throws IOException {
        System.out.print(report.table());
        if (report.changedAnything()) {
            var conf = hadoopConf();
            var path = WorkPaths.of(options).meta(RUN_REPORT);
            byte[] history = Storage.exists(path, conf) ? Storage.read(path, conf) : null;
            byte[] appended;
            try {
                appended = report.appendTo(history);
            } catch (IOException unreadable) {
                // a history this version cannot read must not fail a build that passed verify
                System.err.println("imagenet-wds: " + path + " is not a run history this version reads ("
                        + unreadable.getMessage().lines().findFirst().orElse("") + "); starting a new one");
                appended = report.appendTo(null);
            }
            Storage.writeAtomically(path, appended, conf);
        }
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** Runs one stage; unless {@code force}, skips it when it already ran with the same fingerprint. */
    public void runStage(String stage, boolean force) throws IOException {
        StageMarkers.Fingerprint fingerprint = fingerprint(stage);
        if (!force && markers.isDone(fingerprint)) {
            say(stage + ": up to date, skipped");
            report.add(new RunReport.StageRun(stage, false, 0, ITEMS.get(stage), 0, 0, 0, 0));
            return;
        }
        String change = force ? null : markers.changeSinceLastRun(fingerprint);
        if (change != null) {
            say(stage + ": running again: " + change + " since its last run");
        }
        progress.begin(stage, ITEMS.get(stage), stage.equals("write") ? plannedSamples() : 0);
        long items = -1;
        switch (stage) {
            case "count" -> {
                CountStage.run(spark, options);
                List<CountStage.SynsetCount> counts = CountStage.counts(spark, options);
                checkRejectFraction(counts.stream().mapToLong(CountStage.SynsetCount::members).sum(),
                        counts.stream().mapToLong(c -> c.members() - c.usable()).sum());
            }
            case "select" -> items = SelectStage.run(spark, options).synsets().size();
            case "split" -> {
                SplitStage.run(spark, options);
                items = plannedSamples();
            }
            case "write" -> {
                BuildStats stats = WriteStage.run(spark, options, fingerprint.hash());
                checkRejectFraction(stats.inputMembers(), stats.rejected());
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        }
        markers.markDone(fingerprint);
        Progress.StageTotals t = progress.end();
        report.add(new RunReport.StageRun(stage, true, t.seconds(), ITEMS.get(stage), items >= 0 ? items : t.items(),
                t.rejected(), t.bytesRead(), t.bytesWritten()));
        say(String.format("%s: done in %.1f s", stage, t.seconds()));
    }

    /** Samples the write stage will take: every usable image of the selected classes. */
    private long plannedSamples() throws IOException {
        Selection selection = SelectStage.read(spark, options);
        return CountStage.counts(spark, options).stream().filter(c -> selection.contains(c.synset()))
                .mapToLong(CountStage.SynsetCount::usable).sum();
    }

    /** What each stage counts, for the progress lines and the run report. */
    private static final Map<String, String> ITEMS = Map.of("count", "members", "select", "classes",
            "split", "samples", "write", "samples", "verify", "samples");

    public VerifyStage.Report verify() throws IOException {
        progress.begin("verify", ITEMS.get("verify"), 0);
        VerifyStage.Report result = VerifyStage.run(spark, options);
        Progress.StageTotals t = progress.end();
        report.add(new RunReport.StageRun("verify", true, t.seconds(), ITEMS.get("verify"), t.items(), 0,
                t.bytesRead(), 0));
        say(String.format("verify: done in %.1f s", t.seconds()));
        System.out.print(result.render());
        result.problems().forEach(p -> System.err.println("verify: FAIL " + p)); // also when stdout is quiet
        return result;
    }

    /**
     * What a stage's output depends on: the upstream stage's recorded fingerprint and the stage's
     * own options ({@code count}: the input listing and the header rules).
     */
    StageMarkers.Fingerprint fingerprint(String stage) throws IOException {
        return switch (stage) {
            case "count" -> {
                if (options.input() == null) {
                    throw new IllegalArgumentException("--input is required for count");
                }
                yield StageMarkers.Fingerprint.of("count").with("input", options.input())
                        .with("input listing", InputLocator.fingerprint(options.input(), hadoopConf()))
                        .with("--min-edge", options.minEdge()).with("--max-pixels", options.maxPixels());
            }
            case "select" -> StageMarkers.Fingerprint.of("select").with("count", upstream("count"))
                    .with("--classes", options.classes()).with("--min-per-class", options.minPerClass());
            case "split" -> StageMarkers.Fingerprint.of("split").with("select", upstream("select"))
                    .with("--seed", options.seed()).with("--val-per-class", options.valPerClass())
                    .with("--train-shards", options.trainShards()).with("--val-shards", options.valShards());
            case "write" -> StageMarkers.Fingerprint.of("write").with("split", upstream("split"))
                    .with("name", options.name()).with("--max-short-edge", options.maxShortEdge())
                    .with("--jpeg-quality", options.jpegQuality());
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        };
    }

    /** What verify checked: the write it ran after, the output's files and everything under _meta/ it reads. */
    private StageMarkers.Fingerprint verifyFingerprint() throws IOException {
        WorkPaths paths = WorkPaths.of(options);
        return StageMarkers.Fingerprint.of("verify").with("write", upstream("write"))
                .with("output listing", Storage.listingFingerprint(options.outputPath(), hadoopConf(), false))
                .with("_meta listing", Storage.treeFingerprint(paths.metaFolder(), hadoopConf(),
                        name -> !name.equals(RUN_REPORT)));
    }

    /** Written after verify, so not part of what verify checked. */
    private static final String RUN_REPORT = "run-report.json";

    private org.apache.hadoop.conf.Configuration hadoopConf() {
        return spark.sparkContext().hadoopConfiguration();
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
