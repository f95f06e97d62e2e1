package org.imagenetwds.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hadoop.fs.Path;
import org.imagenetwds.image.ImageRules;

/**
 * Everything a run is configured with (SPEC §7). Defaults reproduce ImageNet-12k.
 *
 * @param minPerClass 0 when classes are chosen by {@code classes} (top K)
 * @param work        null for the default {@code <output>/_work}
 */
public record PipelineOptions(String input, String output, String work, String name, int classes, int minPerClass,
                              int valPerClass, int trainShards, int valShards, int minEdge, int maxShortEdge,
                              int jpegQuality, long seed, double maxRejectFraction, long maxPixels)
        implements Serializable {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";

    public PipelineOptions {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output is required");
        }
        if (valPerClass < 1 || trainShards < 1 || valShards < 1) {
            throw new IllegalArgumentException("--val-per-class, --train-shards and --val-shards must be positive");
        }
        if (maxRejectFraction < 0 || maxRejectFraction > 1) {
            throw new IllegalArgumentException("--max-reject-fraction must be within 0..1, got " + maxRejectFraction);
        }
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("--name may hold letters, digits, '_' and '-' only, got " + name);
        }
        imageRules(minEdge, maxShortEdge, jpegQuality, maxPixels); // validates
    }

    private static ImageRules imageRules(int minEdge, int maxShortEdge, int jpegQuality, long maxPixels) {
        return new ImageRules(minEdge, maxShortEdge, jpegQuality, maxPixels);
    }

    public ImageRules imageRules() {
        return imageRules(minEdge, maxShortEdge, jpegQuality, maxPixels);
    }

    public Path outputPath() {
        return new Path(output);
    }

    public Path workPath() {
        return work != null ? new Path(work) : new Path(output, "_work");
    }

    public int shards(String split) {
        return TRAIN.equals(split) ? trainShards : valShards;
    }

    /** Global shard id: train shards first, then validation. */
    public int globalShard(String split, int shard) {
        return TRAIN.equals(split) ? shard : trainShards + shard;
    }

    /** The options recorded in {@code _info.json}: what decides the output, never paths or credentials. */
    public Map<String, Object> recorded() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "imagenet-wds");
        m.put("classes", classes);
        m.put("min_per_class", minPerClass);
        m.put("val_per_class", valPerClass);
        m.put("train_shards", trainShards);
        m.put("val_shards", valShards);
        m.put("min_edge", minEdge);
        m.put("max_short_edge", maxShortEdge);
        m.put("jpeg_quality", jpegQuality);
        m.put("max_pixels", maxPixels);
        m.put("seed", seed);
        return m;
    }
}
