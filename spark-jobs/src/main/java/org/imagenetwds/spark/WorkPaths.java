package org.imagenetwds.spark;

import org.apache.hadoop.fs.Path;

/** Where each stage keeps its output: under {@code --work} for intermediates, under {@code --output} for results. */
public record WorkPaths(Path output, Path work) implements java.io.Serializable {

    public static WorkPaths of(PipelineOptions options) {
        return new WorkPaths(options.outputPath(), options.workPath());
    }

    public Path inventory() {
        return new Path(work, "inventory");
    }

    public Path counts() {
        return new Path(work, "counts.json");
    }

    public Path selection() {
        return new Path(work, "selection.json");
    }

    /** The class view's selection (imagenet22k's 12k view). */
    public Path viewSelection() {
        return new Path(work, "view-selection.json");
    }

    /** The usable samples {@code dedup} drops before the split. */
    public Path dropped() {
        return new Path(work, "dropped");
    }

    /** The samples {@code dedup} drops as near an evaluation image, each with its nearest one ({@code --decontaminate}). */
    public Path decontaminated() {
        return new Path(work, "decontaminated");
    }

    /** How many images {@code dedup} read of each evaluation set. */
    public Path evaluationImages() {
        return new Path(work, "evaluation-images.json");
    }

    public Path plan() {
        return new Path(work, "plan");
    }

    public Path planSummary() {
        return new Path(work, "plan.json");
    }

    /** {@code count}'s copies of the byte ranges of one big input object ({@link org.imagenetwds.staging.StagedInputs}). */
    public Path staged() {
        return new Path(work, org.imagenetwds.staging.StagedInputs.FOLDER);
    }

    /** Which ranges {@link #staged} holds copies of; absent when none. */
    public Path stagedInputs() {
        return new Path(work, "staged.json");
    }

    public Path commits() {
        return new Path(work, "commits");
    }

    public Path commit(String shard) {
        return new Path(commits(), shard + ".json");
    }

    public Path stageMarker(String stage) {
        return new Path(work, "_" + stage + ".done.json");
    }

    public Path shardTemp() {
        return new Path(output, "_tmp");
    }

    public Path shard(String shardName) {
        return new Path(output, shardName);
    }

    public Path metaFolder() {
        return new Path(output, "_meta");
    }

    public Path meta(String name) {
        return new Path(metaFolder(), name);
    }

    public Path result(String name) {
        return new Path(output, name);
    }
}
