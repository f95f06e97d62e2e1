package org.imagenetwds.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The chosen synsets in ascending order (label = index) and how the boundary fell.
 *
 * @param usableCounts usable images of each selected synset, in label order
 * @param cutoffCount  usable count of the weakest selected synset (its file count, for a choice by files)
 * @param tieSplit     true when synsets with exactly {@code cutoffCount} were left out
 * @param candidates   synsets that had at least one usable image
 */
public record Selection(List<String> synsets, List<Long> usableCounts, int cutoffCount, boolean tieSplit,
                        int candidates) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Selection {
        synsets = List.copyOf(synsets);
        usableCounts = List.copyOf(usableCounts);
        if (synsets.size() != usableCounts.size()) {
            throw new IllegalArgumentException("one usable count per synset expected");
        }
    }

    public int labelOf(String synset) {
        int i = Collections.binarySearch(synsets, synset);
        if (i < 0) {
            throw new IllegalArgumentException(synset + " is not a selected synset");
        }
        return i;
    }

    public boolean contains(String synset) {
        return Collections.binarySearch(synsets, synset) >= 0;
    }

    public long selectedUsable() {
        return usableCounts.stream().mapToLong(Long::longValue).sum();
    }

    public byte[] toJson() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("classes", synsets.size());
        m.put("cutoff_count", cutoffCount);
        m.put("tie_split", tieSplit);
        m.put("candidates", candidates);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < synsets.size(); i++) {
            counts.put(synsets.get(i), usableCounts.get(i));
        }
        m.put("synsets", counts);
        return JSON.writeValueAsBytes(m);
    }

    public static Selection parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        List<String> synsets = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        root.path("synsets").fields().forEachRemaining(e -> {
            synsets.add(e.getKey());
            counts.add(e.getValue().asLong());
        });
        return new Selection(synsets, counts, root.path("cutoff_count").asInt(), root.path("tie_split").asBoolean(),
                root.path("candidates").asInt());
    }
}
