package org.imagenetwds.spark;

import java.io.IOException;
import java.time.Instant;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.RunReport;
import org.imagenetwds.spark.io.Storage;
import org.imagenetwds.spark.stages.CountStage;
import org.imagenetwds.spark.stages.DedupStage;
import org.imagenetwds.spark.stages.SelectStage;
import org.imagenetwds.spark.stages.SplitStage;
import org.imagenetwds.spark.stages.Stage;
import org.imagenetwds.spark.stages.StageMarkers;
import org.imagenetwds.spark.stages.VerifyStage;
import org.imagenetwds.spark.stages.WriteStage;
import org.imagenetwds.verify.OutputChecks;

/**
 * The stages in order, each skipped when its recorded fingerprint matches (same input and
 * options): {@code run} resumes where a previous run stopped; {@code write} itself resumes shard
 * by shard. Adding a stage is a class implementing {@link Stage} and a line in {@link #STAGES}.
 */
public final class Pipeline {

    public static final List<Stage> STAGES = List.of(new CountStage(), new SelectStage(), new DedupStage(),
            new SplitStage(), new WriteStage());

    private static final String VERIFY = "verify";
    private static final String VERIFY_ITEMS = "samples";

    private final PipelineOptions options;
    private final WorkPaths paths;
    private final Stage.Context context;
    private final StageMarkers markers;
    private final Progress progress;
    private final RunReport report = new RunReport(Instant.now().toString());

    public Pipeline(SparkSession spark, PipelineOptions options, Progress progress) {
        this.options = options;
        this.paths = WorkPaths.of(options);
        this.context = new Stage.Context(spark, options, new WorkTables(spark, paths));
        this.markers = new StageMarkers(paths, spark.sparkContext().hadoopConfiguration());
        this.progress = progress;
    }

    /**
     * All stages, then verify. A verify that passed is not repeated while the output listing (each
     * file's name, size and modification time) and the write it checked are unchanged: a scheduled
     * re-run on unchanged input then reads no image and rewrites nothing. When verify finds shards
     * missing or changed since write committed them, write runs once more (rewriting only those) and
     * verify again. The {@code verify} command always re-reads every shard.
     */
    public OutputChecks.Report run() throws IOException {
        WriteStage.refuseAnotherDataset(paths, options.recipe().datasetName(), context.tables().conf());
        for (Stage stage : STAGES) {
            stage.checkInputs(context);
        }
        for (Stage stage : STAGES) {
            runStage(stage, false);
        }
        OutputChecks.Report result;
        if (markers.isDone(verifyFingerprint())) {
            String line = "output unchanged since it last passed verify (run 'verify' to re-read every shard)";
            say(VERIFY + ": " + line + ", skipped");
            report.add(new RunReport.StageRun(VERIFY, false, 0, VERIFY_ITEMS, 0, 0, 0, 0));
            result = new OutputChecks.Report(List.of(line), List.of());
        } else {
            result = verify();
            if (!result.damagedShards().isEmpty()) {
                // write keeps every shard whose bytes still hash to its commit record: this writes only these
                say(VERIFY + ": " + result.damagedShards().size() + " shard(s) missing or changed since write committed them ("
                        + FirstNames.of(result.damagedShards(), 3) + "): writing them again");
                runStage(STAGES.get(STAGES.size() - 1), true);
                result = verify();
            }
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
            var path = paths.meta(RUN_REPORT);
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

    public static Stage stage(String name) {
        return STAGES.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown stage " + name));
    }

    /** Runs one stage; unless {@code force}, skips it when it already ran with the same fingerprint. */
    public void runStage(Stage stage, boolean force) throws IOException {
        StageMarkers.Fingerprint fingerprint = fingerprint(stage);
        if (!force && markers.isDone(fingerprint)) {
            say(stage.name() + ": up to date, skipped");
            report.add(new RunReport.StageRun(stage.name(), false, 0, stage.items(), 0, 0, 0, 0));
            return;
        }
        String change = force ? null : markers.changeSinceLastRun(fingerprint);
        if (change != null) {
            say(stage.name() + ": running again: " + change + " since its last run");
        }
        progress.begin(stage.name(), stage.items(), stage.expectedItems(context));
        long items = stage.run(context, fingerprint.hash());
        markers.markDone(fingerprint);
        Progress.StageTotals t = progress.end();
        report.add(new RunReport.StageRun(stage.name(), true, t.seconds(), stage.items(), items >= 0 ? items : t.items(),
                t.rejected(), t.bytesRead(), t.bytesWritten()));
        if (stage instanceof WriteStage) {
            report.repaired(BuildStats.parse(Storage.read(paths.meta(BuildStats.FILE), hadoopConf())).repairedByKind());
        }
        say(String.format("%s: done in %.1f s", stage.name(), t.seconds()));
    }

    public OutputChecks.Report verify() throws IOException {
        progress.begin(VERIFY, VERIFY_ITEMS, 0);
        OutputChecks.Report result = VerifyStage.run(context.spark(), options, paths);
        Progress.StageTotals t = progress.end();
        report.add(new RunReport.StageRun(VERIFY, true, t.seconds(), VERIFY_ITEMS, t.items(), 0, t.bytesRead(), 0));
        say(String.format("verify: done in %.1f s", t.seconds()));
        System.out.print(result.render());
        result.problems().forEach(p -> System.err.println("verify: FAIL " + p)); // also when stdout is quiet
        return result;
    }

    /** What a stage's output depends on: the upstream stage's recorded fingerprint, then the stage's own parts. */
    StageMarkers.Fingerprint fingerprint(Stage stage) throws IOException {
        StageMarkers.Fingerprint f = StageMarkers.Fingerprint.of(stage.name());
        int i = STAGES.indexOf(stage);
        if (i > 0) {
            f.with(STAGES.get(i - 1).name(), upstream(STAGES.get(i - 1).name()));
        }
        stage.fingerprint(f, context);
        return f;
    }

    /** What verify checked: the write it ran after, the output's files and everything under _meta/ it reads. */
    private StageMarkers.Fingerprint verifyFingerprint() throws IOException {
        String last = STAGES.get(STAGES.size() - 1).name();
        return StageMarkers.Fingerprint.of(VERIFY).with(last, upstream(last))
                .with("output listing", Storage.listingFingerprint(options.outputPath(), hadoopConf(), false))
                .with("_meta listing", Storage.treeFingerprint(paths.metaFolder(), hadoopConf(),
                        name -> !name.equals(RUN_REPORT)));
    }

    /** Written after verify, so not part of what verify checked. */
    private static final String RUN_REPORT = "run-report.json";

    private org.apache.hadoop.conf.Configuration hadoopConf() {
        return context.tables().conf();
    }

    private String upstream(String stage) throws IOException {
        String recorded = markers.recorded(stage);
        if (recorded == null) {
            throw new PipelineFailure("stage " + stage + " has not run for " + paths.work()
                    + ": run it (or 'run') first");
        }
        return recorded;
    }
}
