package org.imagenetwds.labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The multi-label annotations of Shankar et al. 2020 ({@code human_accuracy_v3.0.0.json}), read the way
 * TFDS's {@code imagenet2012_multilabel} reads them: {@code initial_annots} maps a file name to its
 * {@code correct}, {@code wrong} and {@code unclear} WNID lists (a key is absent when its list is
 * empty) and also holds ImageNetV2 images, which are skipped; {@code problematic_images} marks images
 * by its keys; {@code imagenet_m} lists the ImageNet-M images. Other top-level sections are skipped.
 *
 * @param byFile the annotated ILSVRC-2012 validation images (20,000 in the real file), by file name
 */
public record MultiLabelAnnotations(Map<String, MultiLabelAnnotation> byFile) implements Serializable {

    private static final String VALIDATION_PREFIX = "ILSVRC2012_val_";

    public MultiLabelAnnotations {
        byFile = Map.copyOf(byFile);
    }

    /**
     * Reads the annotations file, streaming (the real one is 200 MB).
     *
     * @param source  how to name the file in an error (its URI)
     * @param classes the class WNIDs in ascending order: a WNID's label is its index here
     * @throws IllegalArgumentException one line naming the file and what is wrong with it (an unknown WNID by name)
     */
    public static MultiLabelAnnotations read(InputStream in, String source, List<String> classes) throws IOException {
        Map<String, Integer> labelByWnid = labelByWnid(classes);
        return JsonInput.read(in, source, p -> {
            JsonInput.expect(p, JsonToken.START_OBJECT, source, "the top-level value",
                    "an object with initial_annots, problematic_images and imagenet_m");
            Map<String, MultiLabelAnnotation> annotated = null;
            Set<String> problematic = null;
            // TFDS's own test file predates ImageNet-M and has no imagenet_m: that is no ImageNet-M image
            List<String> imagenetM = List.of();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String section = p.currentName();
                p.nextToken();
                switch (section) {
                    case "initial_annots" -> annotated = readAnnotations(p, source, labelByWnid);
                    case "problematic_images" -> problematic = readKeys(p, source, section);
                    case "imagenet_m" -> imagenetM = JsonInput.readStrings(p, source, section, "a file name", "file names");
                    default -> p.skipChildren();
                }
            }
            if (annotated == null || problematic == null) {
                throw new IllegalArgumentException(source + " has no " + (annotated == null ? "initial_annots" : "problematic_images")
                        + " object: not a multi-label annotations file (human_accuracy_v3.0.0.json)");
            }
            return new MultiLabelAnnotations(marked(annotated, problematic, imagenetM, source));
        });
    }

    private static Map<String, Integer> labelByWnid(List<String> classes) {
        Map<String, Integer> labels = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            if (i > 0 && classes.get(i - 1).compareTo(classes.get(i)) >= 0) {
                throw new IllegalArgumentException("the class list is not in ascending WNID order: " + classes.get(i - 1)
                        + " comes before " + classes.get(i) + " at index " + i);
            }
            labels.put(classes.get(i), i);
        }
        return labels;
    }

    private static Map<String, MultiLabelAnnotation> readAnnotations(JsonParser p, String source,
                                                                     Map<String, Integer> labelByWnid) throws IOException {
        JsonInput.expect(p, JsonToken.START_OBJECT, source, "initial_annots", "an object of file name to annotation");
        Map<String, MultiLabelAnnotation> annotated = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String file = p.currentName();
            p.nextToken();
            if (!file.startsWith(VALIDATION_PREFIX)) {
                p.skipChildren(); // an ImageNetV2 image: the file annotates both sets
                continue;
            }
            if (!ValidationFiles.isValidationFile(file)) {
                // a near miss would otherwise drop a validation image's annotation without a word
                throw new IllegalArgumentException(source + ": initial_annots names '" + file
                        + "', not a validation file name (ILSVRC2012_val_NNNNNNNN.JPEG)");
            }
            annotated.put(file, readAnnotation(p, source, "initial_annots[" + file + "]", labelByWnid));
        }
        return annotated;
    }

    private static MultiLabelAnnotation readAnnotation(JsonParser p, String source, String where,
                                                       Map<String, Integer> labelByWnid) throws IOException {
        JsonInput.expect(p, JsonToken.START_OBJECT, source, where, "an object of correct, unclear and wrong WNID lists");
        List<Integer> correct = List.of();
        List<Integer> unclear = List.of();
        List<Integer> wrong = List.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String verdict = p.currentName();
            p.nextToken();
            switch (verdict) {
                case "correct" -> correct = readLabels(p, source, where + "." + verdict, labelByWnid);
                case "unclear" -> unclear = readLabels(p, source, where + "." + verdict, labelByWnid);
                case "wrong" -> wrong = readLabels(p, source, where + "." + verdict, labelByWnid);
                default -> p.skipChildren();
            }
        }
        return new MultiLabelAnnotation(correct, unclear, wrong, false, false);
    }

    /** The labels of a WNID list, ascending; a repeated WNID counts once (only membership matters). */
    private static List<Integer> readLabels(JsonParser p, String source, String where,
                                            Map<String, Integer> labelByWnid) throws IOException {
        TreeSet<Integer> labels = new TreeSet<>();
        for (String wnid : JsonInput.readStrings(p, source, where, "a WNID", "WNIDs")) {
            Integer label = labelByWnid.get(wnid);
            if (label == null) {
                throw new IllegalArgumentException(String.format(Locale.ROOT,
                        "%s: %s names WNID %s, which is not one of the %,d classes", source, where, wnid, labelByWnid.size()));
            }
            labels.add(label);
        }
        return List.copyOf(labels);
    }

    /** The keys of an object, its values unread (a problematic image's review notes do not matter). */
    private static Set<String> readKeys(JsonParser p, String source, String where) throws IOException {
        JsonInput.expect(p, JsonToken.START_OBJECT, source, where, "an object keyed by file name");
        Set<String> keys = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            keys.add(p.currentName());
            p.nextToken();
            p.skipChildren();
        }
        return keys;
    }

    /**
     * Sets each annotation's flags. A problematic mark on an image without an annotation changes
     * nothing (TFDS only yields annotated images); an ImageNet-M image must be annotated, since it is
     * scored by its annotation.
     */
    private static Map<String, MultiLabelAnnotation> marked(Map<String, MultiLabelAnnotation> annotated,
                                                            Set<String> problematic, List<String> imagenetM,
                                                            String source) {
        Set<String> inM = new HashSet<>();
        for (String file : imagenetM) {
            if (!annotated.containsKey(file)) {
                throw new IllegalArgumentException(source + ": imagenet_m names " + file
                        + ", which initial_annots does not annotate as a validation image");
            }
            if (!inM.add(file)) {
                throw new IllegalArgumentException(source + ": imagenet_m lists " + file + " twice");
            }
        }
        Map<String, MultiLabelAnnotation> result = new HashMap<>();
        annotated.forEach((file, a) -> result.put(file, a.marked(problematic.contains(file), inM.contains(file))));
        return result;
    }

    /** The annotation of a validation file, empty when the file has none. */
    public Optional<MultiLabelAnnotation> of(String fileName) {
        return Optional.ofNullable(byFile.get(fileName));
    }

    /** Annotated validation images (20,000 in the real file). */
    public int annotatedImages() {
        return byFile.size();
    }

    /** Annotated images marked problematic: multi-label accuracy leaves them out. */
    public int problematicImages() {
        return (int) byFile.values().stream().filter(MultiLabelAnnotation::problematic).count();
    }

    /** The ImageNet-M images (68 in the real file). */
    public int imagenetMImages() {
        return (int) byFile.values().stream().filter(MultiLabelAnnotation::imagenetM).count();
    }
}
