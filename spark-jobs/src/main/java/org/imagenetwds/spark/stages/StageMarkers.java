package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

/**
 * Records that a stage finished, with a fingerprint of everything its output depends on (the
 * upstream stage's fingerprint and the stage's own options). {@code run} skips a stage whose
 * recorded fingerprint equals the one it would produce now.
 */
public final class StageMarkers {

    /** Bumped when a change to the code changes any stage's output. */
    public static final String FORMAT_VERSION = "1";

    private final WorkPaths paths;
    private final Configuration conf;

    public StageMarkers(WorkPaths paths, Configuration conf) {
        this.paths = paths;
        this.conf = conf;
    }

    /** The fingerprint recorded for the stage, or null when it has not finished. */
    public String recorded(String stage) throws IOException {
        var marker = paths.stageMarker(stage);
        return Storage.exists(marker, conf) ? new String(Storage.read(marker, conf), StandardCharsets.UTF_8).trim() : null;
    }

    public boolean isDone(String stage, String fingerprint) throws IOException {
        return fingerprint.equals(recorded(stage));
    }

    public void markDone(String stage, String fingerprint) throws IOException {
        Storage.writeAtomically(paths.stageMarker(stage), (fingerprint + "\n").getBytes(StandardCharsets.UTF_8), conf);
    }

    public static String fingerprint(Object... parts) {
        MessageDigest sha = Sha256.newDigest();
        sha.update(FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
        for (Object p : parts) {
            sha.update((byte) 0);
            sha.update(String.valueOf(p).getBytes(StandardCharsets.UTF_8));
        }
        return Sha256.hex(sha.digest());
    }
}
