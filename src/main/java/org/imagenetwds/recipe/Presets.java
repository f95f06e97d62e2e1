package org.imagenetwds.recipe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.ResizeRule;
import org.imagenetwds.plan.HoldoutOrder;
import org.imagenetwds.plan.ShardLayout;

/** The datasets of the family this tool builds (SPEC §11), each a {@link Recipe}; every option overrides. */
public final class Presets {

    public static final String IMAGENET_12K = "imagenet12k";
    public static final String IMAGENET_1K = "imagenet1k";
    public static final String IMAGENET_22K = "imagenet22k";
    public static final String IMAGENET_W21 = "imagenet-w21";
    public static final String IMAGENET_21K_P = "imagenet21k-p";

    private static final long SEED = 42;

    /** Validation shards of a held-out validation split (the 12k's); also when a train-only preset is given one. */
    public static final int HELD_OUT_VALIDATION_SHARDS = 512;

    private static final String TWELVE_K_VIEW = "12k";

    private static final Map<String, Recipe> PRESETS = new LinkedHashMap<>();

    /** What the authors of a preset published for it, per input release: what the dataset card compares with. */
    private static final Map<String, List<PublishedCounts>> PUBLISHED = Map.of(IMAGENET_21K_P, List.of(
            new PublishedCounts("fall11", 11_221, 11_797_632, 561_052),
            new PublishedCounts("winter21", 10_450, 11_060_223, 522_500)));

    static {
        // top 11,821 of fall11, 40 per class held out, the published 12k image rules
        PRESETS.put(IMAGENET_12K, new Recipe(IMAGENET_12K, new ClassChoice.TopK(11_821),
                new ValidationSource.HeldOut(40), new TrainSubset.Whole(), ImageRules.defaults(),
                new ShardLayout(1024, HELD_OUT_VALIDATION_SHARDS), true, SEED, OutputFormat.WEBDATASET));
        // the 1,000 ILSVRC-2012 classes and the official validation set, nothing dropped or resized
        PRESETS.put(IMAGENET_1K, new Recipe(IMAGENET_1K, new ClassChoice.AllOfInput(),
                new ValidationSource.Ilsvrc2012Devkit(), new TrainSubset.Whole(),
                new ImageRules(1, ImageRules.NO_RESIZE, ImageRules.DEFAULT_JPEG_QUALITY, ImageRules.DEFAULT_MAX_PIXELS),
                new ShardLayout(1024, 64), true, SEED, OutputFormat.WEBDATASET));
        // all fall11 classes; inside, the 12k view chosen as imagenet12k chooses it, and exactly the 12k
        // validation set, so a model pretrained on 22k never trains on a 12k validation image
        PRESETS.put(IMAGENET_22K, new Recipe(IMAGENET_22K, new ClassChoice.AllOfInput(),
                new ValidationSource.HeldOut(40), new TrainSubset.Whole(), ImageRules.defaults(),
                new ShardLayout(4096, HELD_OUT_VALIDATION_SHARDS), true, SEED, OutputFormat.WEBDATASET, Set.of(),
                new ClassView(TWELVE_K_VIEW, PRESETS.get(IMAGENET_12K).classes())));
        // winter21 as timm publishes it: every class of the input, shorter edge 32..768, train only
        PRESETS.put(IMAGENET_W21, new Recipe(IMAGENET_W21, new ClassChoice.AllOfInput(),
                new ValidationSource.TrainOnly(), new TrainSubset.Whole(),
                new ImageRules(32, 768, ImageRules.DEFAULT_JPEG_QUALITY, ImageRules.DEFAULT_MAX_PIXELS),
                new ShardLayout(4096, 0), true, SEED, OutputFormat.WEBDATASET));
        // ImageNet-21K-P (Ridnik et al. 2021), its authors' processing_script.sh as data, from fall11 or winter21:
        // classes with more than 500 files, the first 50 file names of each class validate, a longer side of
        // 224 or more squashed to 224 x 224 (re-encoded at cv2.imwrite's quality, 95), smaller images kept
        PRESETS.put(IMAGENET_21K_P, new Recipe(IMAGENET_21K_P, new ClassChoice.MoreThanFiles(500),
                new ValidationSource.HeldOut(50, HoldoutOrder.NAME), new TrainSubset.Whole(),
                new ImageRules(1, 224, 95, ImageRules.DEFAULT_MAX_PIXELS, ImageEncoding.JPEG, ResizeRule.SQUASH,
                        DamagedImages.REPAIR),
                new ShardLayout(320, 16), true, SEED, OutputFormat.WEBDATASET));
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

    /** The counts published for the dataset {@code name} builds, per input release; none for most. */
    public static List<PublishedCounts> published(String name) {
        return PUBLISHED.getOrDefault(name, List.of());
    }

    public static Iterable<String> names() {
        return PRESETS.keySet();
    }
}
