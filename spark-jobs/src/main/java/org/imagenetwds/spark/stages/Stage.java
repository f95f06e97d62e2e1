package org.imagenetwds.spark.stages;

import java.io.IOException;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.spark.PipelineOptions;
import org.imagenetwds.spark.WorkTables;

/**
 * One step of the pipeline. Stages read what earlier ones wrote through {@link WorkTables} only;
 * the order is {@code Pipeline.STAGES}, which adds the upstream stage's fingerprint to each
 * stage's own parts.
 */
public interface Stage {

    /** What a stage runs with: the session, the run's options and the work tables. */
    record Context(SparkSession spark, PipelineOptions options, WorkTables tables) {
    }

    /** Its command name. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** What it counts in progress lines and the run report: members, classes, samples. */
    String items();

    /** The parts of its fingerprint besides the upstream stage's: its own options and inputs. */
    void fingerprint(StageMarkers.Fingerprint parts, Context context) throws IOException;

    /**
     * Checks the stage's own inputs before {@code run} starts its first stage (that they exist and are of a
     * kind it reads), so that a wrong path fails in a second, not after the stages before it.
     */
    default void checkInputs(Context context) throws IOException {
    }

    /** Items to show for the total of its progress ({@code write}: the planned samples), or 0. */
    default long expectedItems(Context context) throws IOException {
        return 0;
    }

    /**
     * Runs it.
     *
     * @param fingerprint the fingerprint this run records (a shard's commit carries it)
     * @return the items it produced, or -1 to take the count its tasks reported to the progress counters
     */
    long run(Context context, String fingerprint) throws IOException;
}
