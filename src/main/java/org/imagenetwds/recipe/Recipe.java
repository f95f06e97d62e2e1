package org.imagenetwds.recipe;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.image.DamagedImages;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.ResizeRule;
import org.imagenetwds.labels.LabelSet;
import org.imagenetwds.plan.HoldoutOrder;
import org.imagenetwds.plan.ShardLayout;

/**
 * A dataset of the ImageNet family as data: how classes are chosen, where validation comes from,
 * which train samples are kept, the image rules, the shards and the seed. Presets are values of it
 * ({@link Presets}); every stage reads what it needs from here and none asks which preset it runs.
 * Input locations are not part of it (they are the run's, never recorded); what is recorded in
 * {@code _info.json} under {@code build} is {@link #recorded()}, read back by {@link #parse}.
 *
 * @param name             dataset name before the subset's suffix
 * @param scaleTrainShards a subset gets proportionally fewer train shards (false when given explicitly)
 * @param format           shards, or an ImageFolder tree (then a "shard" is one write task's group of files)
 * @param labelSets        the label sets attached to the validation samples (their files are the run's input)
 * @param view             a smaller label space inside this one (ImageNet-22k's 12k view), or null; with one,
 *                         validation is held out of the view's classes only, as the view's own dataset holds it out
 * @param dedup            {@code --dedup}: no two written samples are duplicates of this kind (near includes exact),
 *                         or null: duplicates are reported, not removed
 * @param decontaminate    {@code --decontaminate}: no written train sample is near an image of these evaluation sets
 *                         (a given validation set's images are exempt; none: off)
 */
public record Recipe(String name, ClassChoice classes, ValidationSource validation, TrainSubset subset,
                     ImageRules images, ShardLayout shards, boolean scaleTrainShards, long seed, OutputFormat format,
                     Set<LabelSet> labelSets, ClassView view, DuplicateKind dedup,
                     List<EvaluationSet> decontaminate)
        implements Serializable {

    public Recipe {
        if (name == null || !name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("--name may hold letters, digits, '_' and '-' only, got " + name);
        }
        if ((shards.validationShards() == 0) != (validation instanceof ValidationSource.TrainOnly)) {
            throw new IllegalArgumentException(validation instanceof ValidationSource.TrainOnly
                    ? "a train-only dataset has no validation shards, got --val-shards " + shards.validationShards()
                    : "--val-shards must be positive, got 0");
        }
        if (view != null && format == OutputFormat.IMAGEFOLDER) {
            throw new IllegalArgumentException("an ImageFolder tree has no json to carry " + view.labelField()
                    + ": write shards, or build the " + view.name() + " view as its own dataset");
        }
        labelSets = labelSets.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(labelSets));
        decontaminate = List.copyOf(decontaminate);
    }

    /** A recipe that decontaminates against no evaluation set. */
    public Recipe(String name, ClassChoice classes, ValidationSource validation, TrainSubset subset,
                  ImageRules images, ShardLayout shards, boolean scaleTrainShards, long seed, OutputFormat format,
                  Set<LabelSet> labelSets, ClassView view, DuplicateKind dedup) {
        this(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, labelSets, view, dedup, List.of());
    }

    /** A recipe that keeps duplicates. */
    public Recipe(String name, ClassChoice classes, ValidationSource validation, TrainSubset subset,
                  ImageRules images, ShardLayout shards, boolean scaleTrainShards, long seed, OutputFormat format,
                  Set<LabelSet> labelSets, ClassView view) {
        this(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, labelSets, view, null);
    }

    /** A recipe without label sets. */
    public Recipe(String name, ClassChoice classes, ValidationSource validation, TrainSubset subset,
                  ImageRules images, ShardLayout shards, boolean scaleTrainShards, long seed, OutputFormat format) {
        this(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, Set.of(), null);
    }

    /** The name in shard names and {@code _info.json}: the recipe's name and its subset ({@code imagenet1k_1pct}). */
    public String datasetName() {
        return name + subset.nameSuffix();
    }

    /** Validation samples held out per class, or 0 when validation is a given input. */
    public int valPerClass() {
        return validation instanceof ValidationSource.HeldOut h ? h.perClass() : 0;
    }

    /** Which samples of a class a held-out validation split takes first (seeded hash when nothing is held out). */
    public HoldoutOrder holdoutOrder() {
        return validation instanceof ValidationSource.HeldOut h ? h.order() : HoldoutOrder.SEEDED_HASH;
    }

    public Recipe withShards(ShardLayout actual) {
        return new Recipe(name, classes, validation, subset, images, actual, scaleTrainShards, seed, format, labelSets, view, dedup, decontaminate);
    }

    public Recipe withLabelSets(Set<LabelSet> sets) {
        return new Recipe(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, sets, view, dedup, decontaminate);
    }

    /**
     * The choice {@code --classes}, {@code --min-per-class} and {@code --classes-file} set, whose
     * top-K result is compared with timm's 12k list: the view's when there is one (imagenet22k).
     */
    public ClassChoice optionChoice() {
        return view != null ? view.classes() : classes;
    }

    public Recipe withView(ClassView v) {
        return new Recipe(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, labelSets, v, dedup, decontaminate);
    }

    public Recipe withDedup(DuplicateKind kind) {
        return new Recipe(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, labelSets, view, kind, decontaminate);
    }

    public Recipe withDecontaminate(List<EvaluationSet> sets) {
        return new Recipe(name, classes, validation, subset, images, shards, scaleTrainShards, seed, format, labelSets, view, dedup, sets);
    }

    // the keys of _info.json's "build": written and read here only
    private static final String TOOL = "tool";
    private static final String CLASSES = "classes";
    private static final String MIN_PER_CLASS = "min_per_class";
    private static final String VAL_PER_CLASS = "val_per_class";
    private static final String TRAIN_SHARDS = "train_shards";
    private static final String VAL_SHARDS = "val_shards";
    private static final String MIN_EDGE = "min_edge";
    private static final String MAX_SHORT_EDGE = "max_short_edge";
    private static final String JPEG_QUALITY = "jpeg_quality";
    private static final String MAX_PIXELS = "max_pixels";
    private static final String SEED = "seed";
    private static final String VALIDATION = "validation";
    private static final String SUBSET = "subset";
    private static final String SUBSET_FRACTION = "subset_fraction";
    private static final String FORMAT = "format";
    private static final String LABEL_SETS = "label_sets";
    private static final String IMAGE_FORMAT = "image_format";
    private static final String RESIZE = "resize";
    private static final String VAL_ORDER = "val_order";
    private static final String BY_NAME = "name";
    private static final String MORE_THAN_FILES = "more_than_files";
    private static final String ALL_CLASSES = "all";
    private static final String LISTED_CLASSES = "listed";
    private static final String CLASSES_FILE = "classes_file";
    private static final String BY_MIN_PER_CLASS = "min_per_class";
    private static final String VIEW = "view";
    private static final String VIEW_NAME = "name";
    private static final String DEDUP = "dedup";
    private static final String DECONTAMINATE = "decontaminate";
    private static final String DEVKIT_VALIDATION = "ilsvrc2012-devkit";
    private static final String NO_VALIDATION = "none";

    /**
     * What decides the output, never paths or credentials. Keys that only some recipes use
     * ({@code classes_file}, {@code view}, {@code validation}, {@code val_order}, {@code subset*}, {@code format},
     * {@code label_sets}, {@code image_format}, {@code resize}, {@code more_than_files}, {@code dedup},
     * {@code decontaminate}: the evaluation sets' names)
     * appear only when used, so an ImageNet-12k build records what it always has.
     */
    public Map<String, Object> recorded() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(TOOL, "imagenet-wds");
        recordChoice(classes, m);
        m.put(VAL_PER_CLASS, valPerClass());
        m.put(TRAIN_SHARDS, shards.trainShards());
        m.put(VAL_SHARDS, shards.validationShards());
        m.put(MIN_EDGE, images.minEdge());
        m.put(MAX_SHORT_EDGE, images.maxShortEdge());
        m.put(JPEG_QUALITY, images.jpegQuality());
        m.put(MAX_PIXELS, images.maxPixels());
        m.put(SEED, seed);
        if (classes instanceof ClassChoice.Listed l) {
            m.put(CLASSES_FILE, l.name());
        }
        if (view != null) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put(VIEW_NAME, view.name());
            recordChoice(view.classes(), v);
            if (view.classes() instanceof ClassChoice.Listed l) {
                v.put(CLASSES_FILE, l.name());
            }
            m.put(VIEW, v);
        }
        if (validation instanceof ValidationSource.Ilsvrc2012Devkit) {
            m.put(VALIDATION, DEVKIT_VALIDATION);
        } else if (validation instanceof ValidationSource.TrainOnly) {
            m.put(VALIDATION, NO_VALIDATION);
        } else if (holdoutOrder() == HoldoutOrder.NAME) {
            m.put(VAL_ORDER, BY_NAME);
        }
        if (subset instanceof TrainSubset.Listed l) {
            m.put(SUBSET, l.name());
        } else if (subset instanceof TrainSubset.Fraction f) {
            m.put(SUBSET_FRACTION, f.fraction());
        }
        if (format != OutputFormat.WEBDATASET) {
            m.put(FORMAT, format.code());
        }
        if (!labelSets.isEmpty()) {
            m.put(LABEL_SETS, labelSets.stream().map(LabelSet::code).toList());
        }
        if (images.encoding() != ImageEncoding.JPEG) { // a jpeg build records what it always has
            m.put(IMAGE_FORMAT, images.encoding().code());
        }
        if (images.resize() != ResizeRule.CAP_SHORT_EDGE) {
            m.put(RESIZE, images.resize().code());
        }
        if (dedup != null) {
            m.put(DEDUP, dedup.code());
        }
        if (!decontaminate.isEmpty()) {
            m.put(DECONTAMINATE, decontaminate.stream().map(EvaluationSet::name).toList());
        }
        return m;
    }

    /** How classes are chosen, as {@code classes} and {@code min_per_class}; a list's name is recorded apart. */
    private static void recordChoice(ClassChoice choice, Map<String, Object> m) {
        if (choice instanceof ClassChoice.TopK k) {
            m.put(CLASSES, k.classes());
            m.put(MIN_PER_CLASS, 0);
        } else if (choice instanceof ClassChoice.MinPerClass n) {
            m.put(CLASSES, BY_MIN_PER_CLASS);
            m.put(MIN_PER_CLASS, n.minPerClass());
        } else if (choice instanceof ClassChoice.Listed) {
            m.put(CLASSES, LISTED_CLASSES);
            m.put(MIN_PER_CLASS, 0);
        } else if (choice instanceof ClassChoice.MoreThanFiles f) {
            m.put(CLASSES, MORE_THAN_FILES); // the key holds the count too
            m.put(MIN_PER_CLASS, 0);
            m.put(MORE_THAN_FILES, f.files());
        } else {
            m.put(CLASSES, ALL_CLASSES);
            m.put(MIN_PER_CLASS, 0);
        }
    }

    private static ClassChoice choiceOf(Map<String, Object> recorded) {
        Object classes = recorded.get(CLASSES);
        return ALL_CLASSES.equals(classes) ? new ClassChoice.AllOfInput()
                : LISTED_CLASSES.equals(classes) ? new ClassChoice.Listed(String.valueOf(recorded.get(CLASSES_FILE)),
                        String.valueOf(recorded.get(CLASSES_FILE)))
                : BY_MIN_PER_CLASS.equals(classes) ? new ClassChoice.MinPerClass(intOf(recorded, MIN_PER_CLASS))
                : MORE_THAN_FILES.equals(classes) ? new ClassChoice.MoreThanFiles(intOf(recorded, MORE_THAN_FILES))
                : new ClassChoice.TopK(intOf(recorded, CLASSES));
    }

    @SuppressWarnings("unchecked")
    private static ClassView viewOf(Object recorded) {
        if (recorded == null) {
            return null;
        }
        if (!(recorded instanceof Map<?, ?> v)) {
            throw new IllegalArgumentException("'" + VIEW + "' is " + recorded + ", not an object");
        }
        return new ClassView(String.valueOf(v.get(VIEW_NAME)), choiceOf((Map<String, Object>) v));
    }

    /** The recipe {@link #recorded()} wrote, for {@code verify} and the dataset card. */
    public static Recipe parse(String datasetName, Map<String, Object> recorded) {
        try {
            ClassChoice choice = choiceOf(recorded);
            Object validationKind = recorded.get(VALIDATION);
            ValidationSource validation = DEVKIT_VALIDATION.equals(validationKind) ? new ValidationSource.Ilsvrc2012Devkit()
                    : NO_VALIDATION.equals(validationKind) ? new ValidationSource.TrainOnly()
                    : new ValidationSource.HeldOut(intOf(recorded, VAL_PER_CLASS),
                            BY_NAME.equals(recorded.get(VAL_ORDER)) ? HoldoutOrder.NAME : HoldoutOrder.SEEDED_HASH);
            TrainSubset subset = recorded.containsKey(SUBSET)
                    ? new TrainSubset.Listed(String.valueOf(recorded.get(SUBSET)), String.valueOf(recorded.get(SUBSET)))
                    : recorded.containsKey(SUBSET_FRACTION)
                    ? new TrainSubset.Fraction(((Number) recorded.get(SUBSET_FRACTION)).doubleValue())
                    : new TrainSubset.Whole();
            String name = datasetName.endsWith(subset.nameSuffix())
                    ? datasetName.substring(0, datasetName.length() - subset.nameSuffix().length()) : datasetName;
            return new Recipe(name, choice, validation, subset,
                    new ImageRules(intOf(recorded, MIN_EDGE), intOf(recorded, MAX_SHORT_EDGE), intOf(recorded, JPEG_QUALITY),
                            ((Number) recorded.get(MAX_PIXELS)).longValue(),
                            recorded.containsKey(IMAGE_FORMAT) ? ImageEncoding.fromCode(String.valueOf(recorded.get(IMAGE_FORMAT)))
                                    : ImageEncoding.JPEG,
                            recorded.containsKey(RESIZE) ? ResizeRule.fromCode(String.valueOf(recorded.get(RESIZE)))
                                    : ResizeRule.CAP_SHORT_EDGE, DamagedImages.REPAIR),
                    new ShardLayout(intOf(recorded, TRAIN_SHARDS), intOf(recorded, VAL_SHARDS)), false,
                    ((Number) recorded.get(SEED)).longValue(),
                    recorded.containsKey(FORMAT) ? OutputFormat.fromCode(String.valueOf(recorded.get(FORMAT))) : OutputFormat.WEBDATASET,
                    labelSets(recorded.get(LABEL_SETS)), viewOf(recorded.get(VIEW)),
                    recorded.containsKey(DEDUP) ? DuplicateKind.fromCode(String.valueOf(recorded.get(DEDUP))) : null,
                    evaluationSets(recorded.get(DECONTAMINATE)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("_info.json's build options are not this version's: " + e.getMessage(), e);
        }
    }

    private static Set<LabelSet> labelSets(Object recorded) {
        if (recorded == null) {
            return Set.of();
        }
        if (!(recorded instanceof List<?> codes)) {
            throw new IllegalArgumentException("'" + LABEL_SETS + "' is " + recorded + ", not a list");
        }
        return codes.stream().map(c -> LabelSet.fromCode(String.valueOf(c))).collect(Collectors.toSet());
    }

    private static List<EvaluationSet> evaluationSets(Object recorded) {
        if (recorded == null) {
            return List.of();
        }
        if (!(recorded instanceof List<?> names)) {
            throw new IllegalArgumentException("'" + DECONTAMINATE + "' is " + recorded + ", not a list");
        }
        return names.stream().map(n -> EvaluationSet.recorded(String.valueOf(n))).toList();
    }

    private static int intOf(Map<String, Object> recorded, String key) {
        Object v = recorded.get(key);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("'" + key + "' is " + v + ", not a number");
        }
        return n.intValue();
    }
}
