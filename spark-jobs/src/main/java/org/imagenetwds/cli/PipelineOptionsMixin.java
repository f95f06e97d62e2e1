package org.imagenetwds.cli;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.ilsvrc.Ilsvrc2012Subsets;
import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.WebpEncoder;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.OutputFormat;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.TrainSubset;
import org.imagenetwds.recipe.ValidationSource;
import org.imagenetwds.staging.InputStaging;
import org.imagenetwds.spark.PipelineOptions;

import picocli.CommandLine.Option;

/**
 * The pipeline options of SPEC §7, shared by {@code run} and the stage commands: a preset's recipe
 * (SPEC §11), and every option given on top of it.
 */
public final class PipelineOptionsMixin {

    /** Names of the options that only some commands need ({@link RequiredOptions}). */
    static final String INPUT = "--input";
    static final String VAL_INPUT = "--val-input";
    static final String DEVKIT = "--devkit";

    @Option(names = "--preset", defaultValue = Presets.IMAGENET_12K, description = "Dataset recipe: imagenet12k (top 11,821 fall11 classes, 40 per class held out, shorter edge > 600 resized, 1024+512 shards), imagenet1k (ILSVRC-2012: the 1,000 classes, the official validation set labelled by the devkit, nothing dropped or resized, 1024+64 shards), imagenet22k (every fall11 class, with the 12k view inside: label_12k and exactly the 12k validation set; 4096+512 shards) imagenet-w21 (winter21: every class, shorter edge 32..768, train only, 4096 shards) or imagenet21k-p (ImageNet-21K-P from fall11 or winter21: classes with more than 500 files, the first 50 file names of each validate, squashed to 224 x 224; 320+16 shards). Default: ${DEFAULT-VALUE}; every option below overrides it.")
    String preset;

    @Option(names = INPUT, paramLabel = "URI", description = "Raw release: a folder of nXXXXXXXX.tar, one outer tar (fall11_whole.tar, ILSVRC2012_img_train.tar), or nXXXXXXXX/ folders (file://, hdfs://, s3a://).")
    String input;

    @Option(names = VAL_INPUT, paramLabel = "URI", description = "imagenet1k: ILSVRC2012_img_val.tar or its folder of ILSVRC2012_val_NNNNNNNN.JPEG.")
    String valInput;

    @Option(names = DEVKIT, paramLabel = "URI", description = "imagenet1k: ILSVRC2012_devkit_t12.tar.gz or its folder (data/meta.mat, data/ILSVRC2012_validation_ground_truth.txt).")
    String devkit;

    @Option(names = "--output", paramLabel = "URI", required = true, description = "Where shards, _info.json, classes.txt and _meta/ go.")
    String output;

    @Option(names = "--work", paramLabel = "URI", description = "Intermediate tables and markers (default: <output>/_work).")
    String work;

    @Option(names = "--name", description = "Dataset name in shard names and _info.json (default: the preset's name).")
    String name;

    @Option(names = "--classes", description = "Top K synsets by usable count, ties by synset id (imagenet12k: 11821; imagenet22k: its 12k view's).")
    Integer classes;

    @Option(names = "--min-per-class", description = "Instead of --classes: every synset with at least N usable images.")
    Integer minPerClass;

    @Option(names = "--classes-file", paramLabel = "URI", description = "Instead of --classes: the synsets of a list, one WNID per line (e.g. timm's imagenet12k_synsets.txt); a listed synset without a usable image in the input fails the run.")
    String classesFile;

    @Option(names = "--val-per-class", description = "Validation samples held out per class (imagenet12k, imagenet22k: 40, of the 12k view's classes only; imagenet-w21: none unless given).")
    Integer valPerClass;

    @Option(names = "--subset", paramLabel = "1pct|10pct|URI", description = "Train only on the files of a list: SimCLR's 1percent.txt / 10percent.txt (shipped), or one file name per line at URI. Validation stays whole.")
    String subset;

    @Option(names = "--subset-fraction", paramLabel = "F", description = "Train only on a seeded, class-balanced fraction F of each class (per-class counts differ by at most one).")
    Double subsetFraction;

    @Option(names = "--train-shards", description = "Train shards (imagenet12k, imagenet1k: 1024; imagenet22k, imagenet-w21: 4096; with a subset, proportionally fewer).")
    Integer trainShards;

    @Option(names = "--val-shards", description = "Validation shards (imagenet12k, imagenet22k: 512, imagenet1k: 64; imagenet-w21 with --val-per-class: 512).")
    Integer valShards;

    @Option(names = "--min-edge", description = "Reject images with a side below this (imagenet12k, imagenet22k: " + ImageRules.DEFAULT_MIN_EDGE + ", imagenet1k: 1, imagenet-w21: 32).")
    Integer minEdge;

    @Option(names = "--max-short-edge", description = "Resize images whose shorter edge is above this, to exactly this; 0: never (imagenet12k, imagenet22k: " + ImageRules.DEFAULT_MAX_SHORT_EDGE + ", imagenet1k: 0, imagenet-w21: 768; with imagenet21k-p the size its squash rule resizes to, 224).")
    Integer maxShortEdge;

    @Option(names = "--resize", paramLabel = "RULE-N", description = "Instead of --max-short-edge: squash-N (a longer side of N or more becomes N x N, the aspect ratio ignored; imagenet21k-p: squash-224), short-edge-N (a longer side of N or more: the shorter edge becomes N, the aspect ratio kept; ImageNet-21K-P's other script: short-edge-256) or cap-short-edge-N (a shorter edge above N becomes N: what --max-short-edge N gives).")
    String resize;

    @Option(names = "--jpeg-quality", description = "Quality of re-encoded JPEGs (default: " + ImageRules.DEFAULT_JPEG_QUALITY + "; imagenet21k-p: 95, as its script's cv2.imwrite).")
    Integer jpegQuality;

    @Option(names = "--image-format", paramLabel = ImageEncoding.CHOICES, description = "Written images: jpeg (default; plain JPEGs keep their data) or webp (every image decoded and written as lossy WebP, quality " + WebpEncoder.QUALITY + ", Pillow's default).")
    String imageFormat;

    @Option(names = "--damaged", paramLabel = DamagedImages.CHOICES, description = "A JPEG libjpeg decodes to the end with warnings (extraneous bytes, a bad Huffman code, missing data): repair (default) cuts what libjpeg skips or decodes it as libjpeg does and re-encodes it (quality of --jpeg-quality), listing it in _meta/repaired; reject drops it as corrupt_data/truncated. A JPEG libjpeg stops on is rejected either way.")
    String damaged;

    @Option(names = DuplicateKind.OPTION, paramLabel = "exact|near", description = "Remove duplicates before the split: no two written samples are exact copies (exact) or exact or near copies (near: resized, re-encoded, brightened). A group keeps its smallest key (a given validation image, when it holds one); validation is drawn from kept samples only, so it stays N per class; the others are rejected as duplicate_of_validation (their kept copy is in validation) or duplicate. Default: duplicates are kept and listed in _meta/duplicates.parquet.")
    String dedup;

    @Option(names = EvaluationSet.OPTION, paramLabel = "URI[,URI...]", description = "Evaluation sets a model trained on this build is scored on: tars or folders of images (any layout, e.g. ILSVRC2012_img_val.tar, ImageNet-V2's class folders; file://, hdfs://, s3a://). Every selected train sample that is an exact or near copy of one of their images is rejected as near_evaluation_image before the split (a given validation set's images never are), and listed with its nearest evaluation image in _meta/decontaminated.parquet.")
    String decontaminate;

    @Option(names = "--seed", description = "Seed of the hold-out, the subset and the shuffle (default: 42).")
    Long seed;

    @Option(names = "--format", paramLabel = "webdataset|imagefolder", description = "Output layout: WebDataset shards (default), or an ImageFolder tree train/<wnid>/<file>, val/<wnid>/<file> with the same rules and accounting.")
    String format;

    @Option(names = "--label-set", paramLabel = "real=URI|multilabel=URI", description = "imagenet1k: attach a validation label set; repeatable. real: ReaL's real.json (json gains real_labels); multilabel: human_accuracy_v3.0.0.json (json gains correct_/unclear_/wrong_multi_labels, is_problematic, imagenet_m). Also written to _meta/labels/.")
    Map<String, String> labelSets = new LinkedHashMap<>();

    @Option(names = "--max-reject-fraction", defaultValue = "0.01", description = "Fail when more than this fraction of input members is rejected (default: ${DEFAULT-VALUE}).")
    double maxRejectFraction;

    @Option(names = "--stage-inputs", paramLabel = InputStaging.CHOICES, defaultValue = "auto", description = "One outer tar (fall11_whole.tar, ILSVRC2012_img_train.tar) read by byte ranges: count copies each synset tar it reads to its own object under --work/staged/, and write reads the samples from those, spreading its one request per sample over many keys instead of one (an object store throttles each key). auto (default): when that tar is on an object store (s3a://); always; never.")
    String stageInputs;

    @Option(names = "--max-pixels", description = "Decompression-bomb limit on width x height, from the header (default: " + ImageRules.DEFAULT_MAX_PIXELS + ").")
    Long maxPixels;

    PipelineOptions toOptions() {
        Recipe p = Presets.of(preset);
        if ((classes != null ? 1 : 0) + (minPerClass != null ? 1 : 0) + (classesFile != null ? 1 : 0) > 1) {
            throw new IllegalArgumentException("give one of --classes, --min-per-class and --classes-file");
        }
        // a preset with a class view (imagenet22k) keeps all classes: the class options choose its view's
        ClassChoice chosen = p.optionChoice();
        ClassChoice classChoice = minPerClass != null ? new ClassChoice.MinPerClass(minPerClass)
                : classes != null ? new ClassChoice.TopK(classes)
                : classesFile != null ? new ClassChoice.Listed(SampleKeys.stemOf(classesFile), classesFile) : chosen;
        ValidationSource validation = valPerClass != null ? new ValidationSource.HeldOut(valPerClass, p.holdoutOrder()) : p.validation();
        if (validation instanceof ValidationSource.HeldOut && (valInput != null || devkit != null)) {
            throw new IllegalArgumentException("--val-input and --devkit give the validation set (--preset imagenet1k); "
                    + "this recipe holds validation out of --input (--val-per-class)");
        }
        if (subset != null && subsetFraction != null) {
            throw new IllegalArgumentException("give --subset or --subset-fraction, not both");
        }
        TrainSubset trainSubset = subset != null ? listed(subset)
                : subsetFraction != null ? new TrainSubset.Fraction(subsetFraction) : p.subset();
        if (resize != null && maxShortEdge != null) {
            throw new IllegalArgumentException("give --resize or --max-short-edge, not both");
        }
        ImageRules given = new ImageRules(or(minEdge, p.images().minEdge()), or(maxShortEdge, p.images().maxShortEdge()),
                or(jpegQuality, p.images().jpegQuality()), maxPixels != null ? maxPixels : p.images().maxPixels(),
                imageFormat != null ? ImageEncoding.fromCode(imageFormat) : p.images().encoding(), p.images().resize(),
                damaged != null ? DamagedImages.fromCode(damaged) : p.images().damaged());
        ImageRules rules = resize != null ? given.withResize(resize) : given;
        int presetValShards = validation instanceof ValidationSource.TrainOnly ? 0
                : p.shards().validationShards() > 0 ? p.shards().validationShards() : Presets.HELD_OUT_VALIDATION_SHARDS;
        ShardLayout shards = new ShardLayout(or(trainShards, p.shards().trainShards()), or(valShards, presetValShards));
        Recipe recipe = new Recipe(name != null ? name : p.name(), p.view() != null ? p.classes() : classChoice,
                validation, trainSubset, rules, shards, trainShards == null && p.scaleTrainShards(),
                seed != null ? seed : p.seed(), format != null ? OutputFormat.fromCode(format) : p.format(), Set.of(),
                p.view() != null ? new ClassView(p.view().name(), classChoice) : null);
        Map<LabelSet, String> labelSetFiles = new EnumMap<>(LabelSet.class);
        labelSets.forEach((kind, uri) -> labelSetFiles.put(LabelSet.fromCode(kind), uri));
        if (!labelSetFiles.isEmpty() && !(validation instanceof ValidationSource.Ilsvrc2012Devkit)) {
            throw new IllegalArgumentException("--label-set labels the ILSVRC-2012 validation images: it needs --preset imagenet1k");
        }
        return new PipelineOptions(recipe.withLabelSets(labelSetFiles.keySet())
                .withDedup(dedup != null ? DuplicateKind.fromCode(dedup) : p.dedup())
                .withDecontaminate(decontaminate != null ? EvaluationSet.parseList(decontaminate) : p.decontaminate()), input, valInput, devkit, output, work,
                maxRejectFraction, labelSetFiles, InputStaging.fromCode(stageInputs));
    }

    /** A shipped list by its name ({@code 1pct}), else a list file named by its stem. */
    private static TrainSubset.Listed listed(String subset) {
        Ilsvrc2012Subsets.Shipped shipped = Ilsvrc2012Subsets.Shipped.of(subset);
        return shipped != null ? new TrainSubset.Listed(shipped.code(), shipped.code())
                : new TrainSubset.Listed(SampleKeys.stemOf(subset), subset);
    }

    private static int or(Integer given, int preset) {
        return given != null ? given : preset;
    }
}
