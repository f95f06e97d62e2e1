package org.imagenetwds.spark.stages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.spark.WorkPaths;
import org.imagenetwds.spark.io.Storage;

/**
 * Records that a stage finished, with a fingerprint of everything its output depends on (the
 * upstream stage's fingerprint and the stage's own options and inputs, each a named part). {@code run}
 * skips a stage whose recorded fingerprint equals the one it would produce now, and names the parts
 * that changed when it does not.
 */
public final class StageMarkers {

    /**
     * Bumped when a change to the code changes any stage's output (2: count rejects corrupt_data; 3: the
     * work tables of recipes: the inventory's split column, counts of a given validation set, plan.json;
     * 4: folder inputs read without following links and with their subfolders, names from PAX headers
     * decoded once, name_too_long, bytes after the end-of-image marker stripped, _meta/SHA256SUMS;
     * 5: damaged JPEGs repaired: the inventory's and the plan's repair column, the commit records' repair;
     * _meta/hierarchy.json, the card's class tree, the preset imagenet21k-p; 6: the inventory's
     * fingerprint columns sha256, dc_hash, gradient_hash; a JPEG cut short inside its scan repaired as
     * truncated_scan, re-encoded repairs decoded by the JDK's reader and kept within 30 dB; 7: dedup's work
     * table decontaminated and evaluation-images.json, --decontaminate).
     */
    public static final String FORMAT_VERSION = "7";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a stage's output depends on, part by part; its hash is the stage's fingerprint. */
    public record Fingerprint(String stage, Map<String, String> parts) {

        public static Fingerprint of(String stage) {
            return new Fingerprint(stage, new LinkedHashMap<>());
        }

        public Fingerprint with(String name, Object value) {
            parts.put(name, String.valueOf(value));
            return this;
        }

        public String hash() {
            MessageDigest sha = Sha256.newDigest();
            sha.update(FORMAT_VERSION.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(stage.getBytes(StandardCharsets.UTF_8));
            parts.forEach((name, value) -> {
                sha.update((byte) 0);
                sha.update((name + "=" + value).getBytes(StandardCharsets.UTF_8));
            });
            return Sha256.hex(sha.digest());
        }
    }

    /** A marker as stored in {@code <work>/_<stage>.done.json}. */
    private record Marker(String stage, String formatVersion, String fingerprint, Map<String, String> parts) {
    }

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
        Marker m = read(stage);
        return m == null ? null : m.fingerprint();
    }

    public boolean isDone(Fingerprint now) throws IOException {
        return now.hash().equals(recorded(now.stage()));
    }

    /**
     * Why a stage that ran before must run again: the parts of its fingerprint that changed, or
     * null when it never finished.
     */
    public String changeSinceLastRun(Fingerprint now) throws IOException {
        Marker m = read(now.stage());
        if (m == null) {
            return null;
        }
        if (!FORMAT_VERSION.equals(m.formatVersion())) {
            return "recorded by another version of imagenet-wds (format " + m.formatVersion() + ")";
        }
        List<String> changed = new ArrayList<>();
        now.parts().forEach((name, value) -> {
            if (!value.equals(m.parts().get(name))) {
                changed.add(name);
            }
        });
        return changed.isEmpty() ? "fingerprint differs" : String.join(", ", changed) + " changed";
    }

    public void markDone(Fingerprint done) throws IOException {
        Map<String, Object> marker = new LinkedHashMap<>();
        marker.put("stage", done.stage());
        marker.put("format_version", FORMAT_VERSION);
        marker.put("fingerprint", done.hash());
        marker.put("parts", done.parts());
        Storage.writeAtomically(paths.stageMarker(done.stage()),
                (JSON.writeValueAsString(marker) + "\n").getBytes(StandardCharsets.UTF_8), conf);
    }

    private Marker read(String stage) throws IOException {
        var path = paths.stageMarker(stage);
        if (!Storage.exists(path, conf)) {
            return null;
        }
        try {
            Map<String, Object> m = JSON.readValue(Storage.read(path, conf), new TypeReference<Map<String, Object>>() { });
            @SuppressWarnings("unchecked")
            Map<String, String> parts = m.get("parts") instanceof Map<?, ?> p ? (Map<String, String>) p : Map.of();
            return m.get("fingerprint") == null ? null
                    : new Marker(stage, String.valueOf(m.get("format_version")), String.valueOf(m.get("fingerprint")), parts);
        } catch (JsonProcessingException unreadable) {
            return null;
        }
    }
}
