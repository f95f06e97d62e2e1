package org.imagenetwds.dataset;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.imagenetwds.duplicates.DecontaminationStats;
import org.imagenetwds.duplicates.DuplicateStats;

/**
 * {@code _meta/stats.json}: where every input member went. The accounting identity
 * {@code input_members = written + rejected + unselected} must hold exactly.
 *
 * @param repairedByKind written samples whose damage was repaired, by {@link org.imagenetwds.image.RepairKind}
 *                       code (a part of {@code written}; {@code repaired} appears only when there are any)
 * @param duplicates     the duplicate pairs among the written samples, or null in a stats.json written before they were counted
 * @param decontamination what {@code --decontaminate} read and dropped, or null without it
 */
public record BuildStats(long inputMembers, Map<String, Long> writtenBySplit, Map<String, Long> rejectedByReason,
                         long unselected, int classes, int cutoffCount, boolean tieSplit,
                         Map<String, Long> repairedByKind, DuplicateStats duplicates,
                         DecontaminationStats decontamination) {

    /** Its name in {@code _meta/}. */
    public static final String FILE = "stats.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() { };

    public BuildStats {
        writtenBySplit = new LinkedHashMap<>(writtenBySplit);
        rejectedByReason = new TreeMap<>(rejectedByReason);
        repairedByKind = new TreeMap<>(repairedByKind);
    }

    /** A build without {@code --decontaminate}. */
    public BuildStats(long inputMembers, Map<String, Long> writtenBySplit, Map<String, Long> rejectedByReason,
                      long unselected, int classes, int cutoffCount, boolean tieSplit,
                      Map<String, Long> repairedByKind, DuplicateStats duplicates) {
        this(inputMembers, writtenBySplit, rejectedByReason, unselected, classes, cutoffCount, tieSplit, repairedByKind,
                duplicates, null);
    }

    public long repaired() {
        return repairedByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public long written() {
        return writtenBySplit.values().stream().mapToLong(Long::longValue).sum();
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public boolean identityHolds() {
        return inputMembers == written() + rejected() + unselected;
    }

    public byte[] toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("input_members", inputMembers);
        m.put("written", writtenBySplit);
        m.put("written_total", written());
        if (!repairedByKind.isEmpty()) {
            m.put("repaired", repairedByKind);
        }
        m.put("rejected", rejectedByReason);
        m.put("rejected_total", rejected());
        m.put("unselected", unselected);
        m.put("classes", classes);
        m.put("selection_cutoff_count", cutoffCount);
        m.put("selection_tie_split", tieSplit);
        m.put("identity_holds", identityHolds());
        if (duplicates != null) {
            m.put("duplicates", duplicates.toMap());
        }
        if (decontamination != null) {
            m.put("decontamination", decontamination.toMap());
        }
        try {
            return (JSON.writeValueAsString(m) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise stats.json", e);
        }
    }

    public static BuildStats parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        Map<String, Long> written = new LinkedHashMap<>();
        root.path("written").fields().forEachRemaining(e -> written.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> rejected = new TreeMap<>();
        root.path("rejected").fields().forEachRemaining(e -> rejected.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> repaired = new TreeMap<>();
        root.path("repaired").fields().forEachRemaining(e -> repaired.put(e.getKey(), e.getValue().asLong()));
        return new BuildStats(root.path("input_members").asLong(), written, rejected, root.path("unselected").asLong(),
                root.path("classes").asInt(), root.path("selection_cutoff_count").asInt(),
                root.path("selection_tie_split").asBoolean(), repaired,
                root.has("duplicates") ? DuplicateStats.fromMap(JSON.convertValue(root.get("duplicates"), MAP)) : null,
                root.has("decontamination") ? DecontaminationStats.fromMap(JSON.convertValue(root.get("decontamination"), MAP))
                        : null);
    }
}
