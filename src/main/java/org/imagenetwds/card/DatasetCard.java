package org.imagenetwds.card;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.RejectReason;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.DecontaminationStats;
import org.imagenetwds.duplicates.DuplicateStats;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.image.ImageRules;
import org.imagenetwds.image.WebpEncoder;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.plan.HoldoutOrder;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.recipe.ClassView;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.PublishedCounts;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.TrainSubset;
import org.imagenetwds.recipe.ValidationSource;

/**
 * The output's {@code README.md}, a dataset card in the Hugging Face convention: YAML front matter
 * ({@code pretty_name}, licence, task, size category, {@code dataset_info} with features and
 * per-split sizes, {@code configs} pointing at the shard globs), then what the dataset is, how it was
 * built (every option, the input's fingerprint, the tool's version), the rules, the accounting, the
 * selection boundary, the splits, the pictures, how to read it, terms and citations. Same build, same
 * bytes: nothing in it depends on time or paths.
 */
public final class DatasetCard {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

    private DatasetCard() {
    }

    /** @param pictures file names under {@link CardPictures#FOLDER}, in the order to show them */
    public static String render(DatasetInfo info, BuildStats stats, CardFacts facts, List<String> pictures) {
        StringBuilder b = new StringBuilder();
        b.append("---\n").append(frontMatter(info, stats, facts)).append("---\n\n");
        b.append("# ").append(info.name()).append(" (WebDataset)\n\n");
        b.append(info.numClasses()).append(" ImageNet classes selected from the raw ImageNet release and written as\n")
                .append("WebDataset shards by ").append(facts.toolVersion()).append(". Each sample is `<key>.cls` (label as ASCII")
                .append(" decimal), `<key>.").append(imageExtension(info)).append("` and `<key>.json` (`label`, `class_name` = WNID, `filename`, `width`,")
                .append(" `height`, and `orig_width`/`orig_height` when resized). `classes.txt`: line *i* is label *i*.\n\n");

        b.append("## Splits\n\n| split | samples | shards | bytes |\n| --- | ---: | ---: | ---: |\n");
        for (DatasetInfo.SplitInfo s : info.splits()) {
            b.append("| ").append(s.name()).append(" | ").append(s.numSamples()).append(" | ").append(s.filenames().size())
                    .append(" | ").append(s.altLabel() == null ? Long.toString(facts.bytesBySplit().getOrDefault(s.name(), 0L))
                            : "the same shards, samples with `" + s.altLabel() + "` >= 0").append(" |\n");
        }
        ClassView view = info.recipe().view();
        if (view != null) {
            b.append("\nThe ").append(view.name()).append(" view: ").append(facts.viewSelected().size())
                    .append(" of the classes, chosen as their own dataset chooses them, listed in `").append(view.classesFile())
                    .append("`. Every sample's json has `").append(view.labelField()).append("`, its line in that file or -1")
                    .append(" outside it; validation holds only samples of the view, exactly the ones its own build holds out,")
                    .append(" and its samples are spread evenly over every train shard.\n");
        }

        b.append("\n## How it was built\n\n| option | value |\n| --- | --- |\n");
        info.recipe().recorded().forEach((k, v) -> b.append("| `").append(k).append("` | ").append(cell(v)).append(" |\n"));
        b.append("| input fingerprint (listing: names, sizes, times) | `").append(facts.inputFingerprint()).append("` |\n");
        b.append("| tool | ").append(facts.toolVersion()).append(" |\n\n");
        rules(b, info.recipe(), facts.labelSets());

        b.append("## Accounting\n\nEvery input member is written, rejected with a reason, or in a class that was not")
                .append(" selected:\n\n| | members |\n| --- | ---: |\n");
        b.append("| input | ").append(stats.inputMembers()).append(" |\n");
        stats.writtenBySplit().forEach((split, n) -> b.append("| written: ").append(split).append(" | ").append(n).append(" |\n"));
        stats.repairedByKind().forEach((kind, n) -> b.append("| of them repaired: `").append(kind).append("` | ").append(n).append(" |\n"));
        stats.rejectedByReason().forEach((reason, n) -> b.append("| rejected: `").append(reason).append("` | ").append(n).append(" |\n"));
        b.append("| usable but unselected | ").append(stats.unselected()).append(" |\n\n");
        b.append(stats.identityHolds() ? "input = written + rejected + unselected holds exactly.\n\n"
                : "**input ≠ written + rejected + unselected: this build is inconsistent.**\n\n");

        duplicates(b, stats, info.recipe().dedup());
        decontamination(b, stats.decontamination());

        b.append("## Selection\n\n").append(info.numClasses()).append(" of ").append(nonEmpty(facts.usableBySynset()))
                .append(" synsets with usable images; the smallest selected class has ").append(stats.cutoffCount())
                .append(info.recipe().classes() instanceof ClassChoice.MoreThanFiles f
                        ? " files (classes with more than " + f.files() + " files, counted before any image rule)" : " usable images")
                .append(stats.tieSplit() ? " (a tie at the cut-off was broken by synset id).\n\n" : ".\n\n");
        if (facts.comparedWith12k() != null) {
            b.append("Compared with timm's published list: ").append(facts.comparedWith12k()).append(".\n\n");
        }
        published(b, info);

        if (!pictures.isEmpty()) {
            b.append("## Pictures\n\n");
            for (String p : pictures) {
                b.append("![").append(caption(p, info.recipe().shards())).append("](").append(CardPictures.FOLDER).append('/').append(p).append(")\n\n");
            }
        }

        b.append("## Reading it\n\n```python\n# timm\nimport timm\nds = timm.data.create_dataset('wds/").append(info.name())
                .append("', root='<this folder>', split='train')\n\n# webdataset\nimport webdataset as wds\n")
                .append("ds = wds.WebDataset('<this folder>/").append(info.name()).append("-train-{")
                .append(range(info, "train")).append("}.tar').decode('pil').to_tuple('").append(imageExtension(info)).append("', 'cls')\n");
        if (view != null) {
            b.append("\n# the ").append(view.name()).append(" view: only its samples, labelled by `").append(view.labelField())
                    .append("`\nds = timm.data.create_dataset('wds/").append(info.name())
                    .append("', root='<this folder>', split='").append(view.splitName("train")).append("')\n");
        }
        b.append("```\n\n");

        b.append("## Terms\n\nImageNet images are for non-commercial research and educational use under the ")
                .append("ImageNet terms of access (https://image-net.org/download). Whoever publishes this dataset")
                .append(" must hold those terms.\n\n");
        b.append("## Citation\n\n```\n@article{russakovsky2015imagenet,\n  title={ImageNet Large Scale Visual ")
                .append("Recognition Challenge},\n  author={Russakovsky, Olga and Deng, Jia and others},\n")
                .append("  journal={International Journal of Computer Vision},\n  year={2015}\n}\n")
                .append("@misc{rw2019timm,\n  author={Ross Wightman},\n  title={PyTorch Image Models},\n")
                .append("  year={2019},\n  howpublished={\\url{https://github.com/huggingface/pytorch-image-models}}\n}\n```\n");
        return b.toString();
    }

    private static String frontMatter(DatasetInfo info, BuildStats stats, CardFacts facts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pretty_name", info.name() + " (WebDataset, imagenet-wds)");
        m.put("license", "other");
        m.put("license_name", "imagenet-terms-of-access");
        m.put("license_link", "https://image-net.org/download");
        m.put("task_categories", List.of("image-classification"));
        m.put("size_categories", List.of(sizeCategory(stats.written())));
        Map<String, Object> names = new LinkedHashMap<>();
        for (int i = 0; i < facts.selected().size(); i++) {
            names.put(Integer.toString(i), facts.selected().get(i));
        }
        List<Object> features = new ArrayList<>();
        // ordered maps throughout: Map.of's iteration order changes from one JVM to the next
        features.add(feature(imageExtension(info), "image"));
        features.add(feature("cls", ordered("class_label", ordered("names", names))));
        features.add(feature("json", "string"));
        List<Object> splits = new ArrayList<>();
        List<Object> files = new ArrayList<>();
        for (DatasetInfo.SplitInfo s : info.shardSplits()) {
            Map<String, Object> split = new LinkedHashMap<>();
            split.put("name", s.name());
            split.put("num_bytes", facts.bytesBySplit().getOrDefault(s.name(), 0L));
            split.put("num_examples", s.numSamples());
            splits.add(split);
            Map<String, Object> glob = new LinkedHashMap<>();
            glob.put("split", s.name());
            glob.put("path", info.name() + "-" + s.name() + "-*.tar");
            files.add(glob);
        }
        Map<String, Object> datasetInfo = new LinkedHashMap<>();
        datasetInfo.put("features", features);
        datasetInfo.put("splits", splits);
        m.put("dataset_info", datasetInfo);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("config_name", "default");
        config.put("data_files", files);
        m.put("configs", List.of(config));
        try {
            return YAML.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the card's front matter", e);
        }
    }

    /** Hugging Face's size buckets. */
    static String sizeCategory(long n) {
        String[] names = {"n<1K", "1K<n<10K", "10K<n<100K", "100K<n<1M", "1M<n<10M", "10M<n<100M", "100M<n<1B"};
        int i = 0;
        for (long bound = 1000; n >= bound && i < names.length - 1; bound *= 10) {
            i++;
        }
        return names[i];
    }

    /** A recorded option's value; a nested record (a class view) as "key: value" pairs, not a Java map. */
    private static String cell(Object value) {
        if (value instanceof java.util.Map<?, ?> m) {
            return m.entrySet().stream().map(e -> e.getKey() + ": " + cell(e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return String.valueOf(value);
    }

    private static long nonEmpty(Map<String, Long> usable) {
        return usable.values().stream().filter(v -> v > 0).count();
    }

    private static String range(DatasetInfo info, String split) {
        List<String> files = info.split(split).filenames();
        String first = files.get(0);
        String last = files.get(files.size() - 1);
        return first.substring(first.lastIndexOf('-') + 1, first.length() - 4) + ".."
                + last.substring(last.lastIndexOf('-') + 1, last.length() - 4);
    }

    /** What {@code _meta/duplicates.parquet} holds, in figures; absent for a stats.json from before duplicates were counted. */
    private static void duplicates(StringBuilder b, BuildStats stats, DuplicateKind dedup) {
        DuplicateStats d = stats.duplicates();
        if (d == null) {
            return;
        }
        b.append("## Duplicates\n\nPairs of written samples that show the same image, listed in `_meta/duplicates.parquet`")
                .append(" (`exact`: the same image data once metadata is stripped; `near`: perceptual hashes of the")
                .append(" 1/8-scale luma image within the threshold, confirmed by a second signature):\n\n")
                .append("| | pairs |\n| --- | ---: |\n")
                .append("| exact | ").append(d.exactPairs()).append(" |\n")
                .append("| near | ").append(d.nearPairs()).append(" |\n")
                .append("| within a class | ").append(d.withinClass()).append(" |\n")
                .append("| across classes | ").append(d.acrossClasses()).append(" |\n\n")
                .append(d.validationWithTrainCopy()).append(" validation samples have a copy in train")
                .append(d.validationWithTrainCopy() == 0 ? ".\n\n" : ": a model trained on train has seen them.\n\n");
        if (dedup != null) {
            long ofValidation = stats.rejectedByReason().getOrDefault(RejectReason.DUPLICATE_OF_VALIDATION.code(), 0L);
            long ofTrain = stats.rejectedByReason().getOrDefault(RejectReason.DUPLICATE.code(), 0L);
            b.append("Built with `--dedup ").append(dedup.code()).append("`: ").append(ofValidation + ofTrain)
                    .append(" samples were dropped before the split as ")
                    .append(dedup == DuplicateKind.EXACT ? "exact copies" : "exact or near copies")
                    .append(" of a sample kept in their place (").append(ofValidation).append(" `")
                    .append(RejectReason.DUPLICATE_OF_VALIDATION.code()).append("`, ").append(ofTrain).append(" `")
                    .append(RejectReason.DUPLICATE.code()).append("`); validation was drawn from kept samples only.\n\n");
        }
    }

    /** What {@code --decontaminate} read and dropped, per evaluation set; absent without it. */
    private static void decontamination(StringBuilder b, DecontaminationStats d) {
        if (d == null) {
            return;
        }
        b.append("## Decontamination\n\nBuilt with `--decontaminate`: ").append(d.dropped())
                .append(" train samples were dropped before the split as exact or near copies of an evaluation image (`")
                .append(RejectReason.NEAR_EVALUATION_IMAGE.code())
                .append("`), each listed with its nearest one in `_meta/decontaminated.parquet`:\n\n")
                .append("| evaluation set | images | samples dropped |\n| --- | ---: | ---: |\n");
        d.imagesBySet().forEach((set, n) -> b.append("| `").append(set).append("` | ").append(n).append(" | ")
                .append(d.droppedBySet().get(set)).append(" |\n"));
        b.append("\n");
    }

    private static String caption(String picture, org.imagenetwds.plan.ShardLayout layout) {
        return switch (picture) {
            case CardPictures.CLASS_COUNTS -> "usable images per class, sorted, log scale, with the selection cut-off";
            case CardPictures.CLASS_TREE -> "the class tree's top levels: classes at or under each WordNet node"
                    + " (_meta/hierarchy.json has every class's ancestors)";
            case CardPictures.SHORT_EDGES -> "shorter edge of the images before and after the rules";
            case CardPictures.REJECTS -> "rejected input members by reason";
            case CardPictures.CONTACT_SHEET -> ContactSheet.splitOf(layout) + " samples with their class";
            case CardPictures.DUPLICATE_PAIRS -> "duplicate pairs among the written samples, two cells to a pair";
            default -> picture;
        };
    }

    /** The image member's extension (and WebDataset field): {@code jpg}, or the build's encoding's. */
    private static String imageExtension(DatasetInfo info) {
        return info.recipe().images().encoding().extension();
    }

    private static void webpRules(StringBuilder b, ImageRules images) {
        if (images.maxShortEdge() != ImageRules.NO_RESIZE) {
            b.append("* ").append(images.describeResize()).append(" (bicubic, anti-aliased);\n");
        }
        b.append("* image format WebP: every image decoded (colour-managed to sRGB, alpha flattened on white) and")
                .append(" written as lossy WebP, quality ").append(WebpEncoder.QUALITY).append(", method ")
                .append(WebpEncoder.METHOD).append(" (Pillow's defaults), without Exif, XMP or ICC profile;\n");
    }

    private static void rules(StringBuilder b, Recipe r, ValidationLabels labelSets) {
        ImageRules images = r.images();
        b.append("Rules applied, in order:\n\n");
        b.append("* not a decodable image, or a side below ").append(images.minEdge())
                .append(" px, or more pixels than ").append(images.maxPixels()).append(": removed;\n");
        b.append("* every kept JPEG decodes with libjpeg-turbo without a warning (checked before the split);\n");
        if (images.encoding() == ImageEncoding.WEBP) {
            webpRules(b, images);
        } else if (images.maxShortEdge() == ImageRules.NO_RESIZE) {
            b.append("* no image resized; converted images are written with JPEG quality ").append(images.jpegQuality())
                    .append(";\n");
        } else {
            b.append("* ").append(images.describeResize()).append(" (bicubic, anti-aliased), JPEG quality ")
                    .append(images.jpegQuality()).append(";\n");
        }
        if (images.encoding() == ImageEncoding.JPEG) {
            b.append("* other JPEGs keep their compressed image data; Exif, XMP, IPTC and comments removed, ICC profiles")
                    .append(" kept; non-JPEG or CMYK images converted to sRGB JPEG;\n");
        }
        if (r.subset() instanceof TrainSubset.Listed l) {
            b.append("* train: only the files of the list `").append(l.name()).append("`;\n");
        } else if (r.subset() instanceof TrainSubset.Fraction f) {
            b.append("* train: a class-balanced ").append(f.fraction()).append(" of each class's images, chosen with seed ")
                    .append(r.seed()).append(";\n");
        }
        if (r.validation() instanceof ValidationSource.HeldOut h) {
            b.append("* ").append(h.perClass()).append(" images per class")
                    .append(r.view() == null ? "" : " of the " + r.view().name() + " view (the other classes train only)")
                    .append(h.order() == HoldoutOrder.NAME ? ", the first by file name (byte order, as `ls` in the C locale),"
                            : "")
                    .append(" held out for validation; samples shuffled across the shards of their split with seed ")
                    .append(r.seed()).append(".\n\n");
        } else if (r.validation() instanceof ValidationSource.TrainOnly) {
            b.append("* no validation split: every sample trains; samples shuffled across the train shards with seed ")
                    .append(r.seed()).append(".\n\n");
        } else {
            labelSets(b, labelSets);
            b.append("* validation: the official ILSVRC-2012 validation images, labelled by the devkit's ground truth,")
                    .append(" in file-name order; train samples shuffled across the train shards with seed ")
                    .append(r.seed()).append(".\n\n");
        }
    }

    /** The counts the dataset's authors published, per input release, and this build's beside them. */
    private static void published(StringBuilder b, DatasetInfo info) {
        List<PublishedCounts> published = Presets.published(info.recipe().name());
        if (published.isEmpty()) {
            return;
        }
        b.append("Against the counts its authors published. A build of that release lands on its row but for")
                .append(" images this tool rejects that the authors' OpenCV read kept (see Accounting and `_meta/rejected/`);")
                .append(" their fall11 validation count is 2 more than 50 per class, which no rule of 50 per class gives.\n\n")
                .append("| | classes | train | validation |\n| --- | ---: | ---: | ---: |\n");
        for (PublishedCounts p : published) {
            b.append("| published, from ").append(p.release()).append(" | ").append(p.classes()).append(" | ")
                    .append(p.train()).append(" | ").append(p.validation()).append(" |\n");
        }
        b.append("| this build | ").append(info.numClasses()).append(" | ").append(samples(info, "train")).append(" | ")
                .append(samples(info, "validation")).append(" |\n\n");
    }

    private static long samples(DatasetInfo info, String split) {
        return info.splits().stream().filter(s -> s.name().equals(split) && s.altLabel() == null)
                .mapToLong(DatasetInfo.SplitInfo::numSamples).sum();
    }

    /** What each attached label set covers; nothing when none is attached, so such a card reads as before. */
    private static void labelSets(StringBuilder b, ValidationLabels labels) {
        labels.real().ifPresent(r -> b.append(String.format(Locale.ROOT,
                "* ReaL labels (`real_labels` in each validation json, `_meta/labels/`): %,d of the %,d validation images"
                        + " have at least one, %,d an empty set (left out of ReaL accuracy);\n",
                r.coveredImages(), r.images(), r.images() - r.coveredImages())));
        labels.multiLabel().ifPresent(m -> b.append(String.format(Locale.ROOT,
                "* multi-label annotations (`correct_multi_labels`, `unclear_multi_labels`, `wrong_multi_labels`,"
                        + " `is_problematic`, `imagenet_m`; `_meta/labels/`): %,d validation images annotated, %,d of them"
                        + " problematic, %,d in ImageNet-M;\n",
                m.annotatedImages(), m.problematicImages(), m.imagenetMImages())));
    }

    private static Map<String, Object> feature(String name, Object dtype) {
        Map<String, Object> m = ordered("name", name);
        m.put("dtype", dtype);
        return m;
    }

    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }
}
