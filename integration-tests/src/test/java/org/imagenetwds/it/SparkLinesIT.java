package org.imagenetwds.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.imagenetwds.spark.OutputFiles;
import org.imagenetwds.spark.SparkLines;
import org.junit.jupiter.api.Test;

/**
 * The Spark 3.5 and Spark 4 lines write the same bytes: the local reference run (which every storage
 * and cluster test of a line must match) has the shards, metadata and checksums of the other line's.
 */
class SparkLinesIT {

    @Test
    void theLocalReferenceHasTheSameBytesOnBothSparkLines() throws Exception {
        Path reference = PipelineRuns.localReference();
        List<String> names = new ArrayList<>(OutputFiles.deterministicFiles(reference));
        names.add("_meta/SHA256SUMS");
        Path base = SparkLines.recordOrCompare("local-reference", SparkLines.sha256Listing(reference, names));
        System.out.printf("Spark %s: the local reference's %d files against %s%n", SparkLines.line(), names.size(), base);
    }
}
