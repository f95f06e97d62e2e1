package org.imagenetwds.dataset;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.imagenetwds.recipe.Recipe;

/**
 * {@code _info.json} / {@code _info.yaml} as timm's WebDataset reader expects them:
 * {@code name} and {@code splits.<split>.{name, num_samples, filenames, shard_lengths[, alt_label]}}, plus the
 * class count and the recipe that built the dataset ({@link Recipe#recorded()}: never input URIs or credentials).
 */
public record DatasetInfo(String name, List<SplitInfo> splits, int numClasses, Recipe recipe) {

    /** This tool and its version, as the CLI and the dataset card name it. */
    public static final String TOOL_VERSION = "imagenet-wds 0.1.0";

    /**
     * A split, or a class view's split over the same shards ({@code train_12k}): {@code altLabel} names
     * the json field holding its label (samples where it is negative are not in it), null for a split.
     */
    public record SplitInfo(String name, List<String> filenames, List<Long> shardLengths, String altLabel) {

        public SplitInfo(String name, List<String> filenames, List<Long> shardLengths) {
            this(name, filenames, shardLengths, null);
        }

        public SplitInfo {
            filenames = List.copyOf(filenames);
            shardLengths = List.copyOf(shardLengths);
            if (filenames.size() != shardLengths.size()) {
                throw new IllegalArgumentException("split " + name + ": " + filenames.size() + " filenames but "
                        + shardLengths.size() + " shard lengths");
            }
        }

        public long numSamples() {
            return shardLengths.stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    public DatasetInfo {
        splits = List.copyOf(splits);
    }

    /** The splits of the shards, without a class view's splits over them. */
    public List<SplitInfo> shardSplits() {
        return splits.stream().filter(s -> s.altLabel() == null).toList();
    }

    public SplitInfo split(String splitName) {
        return splits.stream().filter(s -> s.name().equals(splitName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no split " + splitName + " in _info"));
    }

    private Map<String, Object> tree() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", name);
        Map<String, Object> splitMap = new LinkedHashMap<>();
        for (SplitInfo s : splits) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("num_samples", s.numSamples());
            m.put("filenames", s.filenames());
            m.put("shard_lengths", s.shardLengths());
            if (s.altLabel() != null) {
                m.put("alt_label", s.altLabel());
            }
            splitMap.put(s.name(), m);
        }
        root.put("splits", splitMap);
        root.put("num_classes", numClasses);
        root.put("build", recipe.recorded());
        return root;
    }

    public byte[] toJson() {
        try {
            return (JSON.writeValueAsString(tree()) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise _info.json", e);
        }
    }

    public byte[] toYaml() {
        try {
            return YAML.writeValueAsBytes(tree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise _info.yaml", e);
        }
    }

    @SuppressWarnings("unchecked")
    public static DatasetInfo parse(byte[] json) throws IOException {
        JsonNode root = JSON.readTree(json);
        if (root == null || !root.path("splits").isObject()) {
            throw new IOException("_info.json has no 'splits' object");
        }
        List<SplitInfo> splits = new ArrayList<>();
        var fields = root.get("splits").fields();
        while (fields.hasNext()) {
            var e = fields.next();
            List<String> files = new ArrayList<>();
            e.getValue().path("filenames").forEach(n -> files.add(n.asText()));
            List<Long> lengths = new ArrayList<>();
            e.getValue().path("shard_lengths").forEach(n -> lengths.add(n.asLong()));
            JsonNode alt = e.getValue().get("alt_label");
            splits.add(new SplitInfo(e.getKey(), files, lengths, alt == null ? null : alt.asText()));
        }
        if (!root.path("build").isObject()) {
            throw new IOException("_info.json has no 'build' object: not written by imagenet-wds");
        }
        String name = root.path("name").asText();
        Map<String, Object> recorded = JSON.convertValue(root.get("build"), LinkedHashMap.class);
        try {
            return new DatasetInfo(name, splits, root.path("num_classes").asInt(), Recipe.parse(name, recorded));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }
}
