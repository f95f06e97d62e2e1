package org.imagenetwds.recipe;

import java.util.LinkedHashMap;
import java.util.Map;

import org.imagenetwds.image.ImageRules;
import org.imagenetwds.plan.ShardLayout;

/** The datasets of the family this tool builds (SPEC §11), each a {@link Recipe}; every option overrides. */
public final class Presets {

    public static final String IMAGENET_12K = "imagenet12k";
    public static final String IMAGENET_1K = "imagenet1k";

    private static final long SEED = 42;

    private static final Map<String, Recipe> PRESETS = new LinkedHashMap<>();

    static {
        // top 11,821 of fall11, 40 per class held out, the published 12k image rules
        PRESETS.put(IMAGENET_12K, new Recipe(IMAGENET_12K, new ClassChoice.TopK(11_821),
                new ValidationSource.HeldOut(40), new TrainSubset.Whole(), ImageRules.defaults(),
                new ShardLayout(1024, 512), true, SEED, OutputFormat.WEBDATASET));
        // the 1,000 ILSVRC-2012 classes and the official validation set, nothing dropped or resized
        PRESETS.put(IMAGENET_1K, new Recipe(IMAGENET_1K, new ClassChoice.AllOfInput(),
                new ValidationSource.Ilsvrc2012Devkit(), new TrainSubset.Whole(),
                new ImageRules(1, ImageRules.NO_RESIZE, ImageRules.DEFAULT_JPEG_QUALITY, ImageRules.DEFAULT_MAX_PIXELS),
                new ShardLayout(1024, 64), true, SEED, OutputFormat.WEBDATASET));
    }

    private Presets() {
    }

    public static Recipe of(String preset) {
        Recipe r = PRESETS.get(preset);
        if (r == null) {
            throw new IllegalArgumentException("unknown --preset " + preset + " (available: " + String.join(", ", names()) + ")");
        }
        return r;
    }

    public static Iterable<String> names() {
        return PRESETS.keySet();
    }
}
