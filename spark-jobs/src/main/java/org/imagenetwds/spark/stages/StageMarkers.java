package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** Bumped when a change to the code changes any stage's output (2: count rejects corrupt_data). */
    public static final String FORMAT_VERSION = "2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WorkPaths paths;
    private final Configuration conf;

    public StageMarkers(WorkPaths paths, Configuration conf) {
        this.paths = paths;
        this.conf = conf;
    }

    /**
     * The fingerprint recorded for the stage, or null when it has not finished (or finished under a
     * version of this tool whose marker this one cannot read: the stage then runs again).
     */
    public String recorded(String stage) throws IOException {
        var marker = paths.stageMarker(stage);
        if (!Storage.exists(marker, conf)) {
            return null;
        }
        try {
            JsonNode fingerprint = JSON.readTree(Storage.read(marker, conf)).get("fingerprint");
            return fingerprint == null ? null : fingerprint.asText();
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }

    public boolean isDone(String stage, String fingerprint) throws IOException {
        return fingerprint.equals(recorded(stage));
    }

    public void markDone(String stage, String fingerprint) throws IOException {
        Map<String, String> marker = new LinkedHashMap<>();
        marker.put("stage", stage);
        marker.put("format_version", FORMAT_VERSION);
        marker.put("fingerprint", fingerprint);
        Storage.writeAtomically(paths.stageMarker(stage), (JSON.writeValueAsString(marker) + "\n").getBytes(StandardCharsets.UTF_8), conf);
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
