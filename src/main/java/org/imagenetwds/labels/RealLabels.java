package org.imagenetwds.labels;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;

/**
 * The ReaL labels of Beyer et al. 2020 ({@code real.json}): for each ILSVRC-2012 validation image,
 * the sorted set of sorted-WNID labels (0..999) raters found correct. Entry <i>i</i> of the file
 * belongs to {@code ILSVRC2012_val_{i+1:08d}.JPEG}; an empty set means no label fits the image, and
 * it is kept (ReaL accuracy leaves such images out, it does not drop them from the file).
 *
 * @param sets entry <i>i</i> = the labels of image <i>i</i> + 1 (kept ascending)
 */
public record RealLabels(List<List<Integer>> sets) implements Serializable {

    public RealLabels {
        sets = sets.stream().map(set -> set.stream().sorted().toList()).toList();
    }

    /**
     * Reads {@code real.json}.
     *
     * @param source         how to name the file in an error (its URI)
     * @param expectedImages how many validation images the file must list (50,000 for the whole set)
     * @throws IllegalArgumentException one line naming the file and what is wrong with it
     */
    public static RealLabels read(InputStream in, String source, int expectedImages) throws IOException {
        RealLabels labels = JsonInput.read(in, source, p -> {
            JsonInput.expect(p, JsonToken.START_ARRAY, source, "the top-level value", "a list of label lists");
            List<List<Integer>> sets = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                sets.add(readSet(p, source, sets.size()));
            }
            return new RealLabels(sets);
        });
        if (labels.images() != expectedImages) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s lists %,d validation images, the validation set has %,d", source, labels.images(), expectedImages));
        }
        return labels;
    }

    private static List<Integer> readSet(JsonParser p, String source, int index) throws IOException {
        String where = "entry " + index + " (" + ValidationFiles.nameOf(index + 1) + ")";
        JsonInput.expect(p, JsonToken.START_ARRAY, source, where, "a list of labels");
        List<Integer> set = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            boolean isLabel = p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == JsonParser.NumberType.INT
                    && p.getIntValue() >= 0 && p.getIntValue() < Ilsvrc2012Devkit.CLASSES;
            if (!isLabel) {
                throw new IllegalArgumentException(source + ": " + where + " holds " + JsonInput.shown(p)
                        + ", not a label 0.." + (Ilsvrc2012Devkit.CLASSES - 1));
            }
            if (set.contains(p.getIntValue())) {
                throw new IllegalArgumentException(source + ": " + where + " lists label " + p.getIntValue() + " twice");
            }
            set.add(p.getIntValue());
        }
        return set;
    }

    /** How many validation images the file lists. */
    public int images() {
        return sets.size();
    }

    /** The labels of validation image {@code number} (1-based, as in its file name); empty when none fits. */
    public List<Integer> labelsOf(int number) {
        if (number < 1 || number > sets.size()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "validation image %,d is not among the %,d the ReaL labels list", number, sets.size()));
        }
        return sets.get(number - 1);
    }

    public List<Integer> labelsOf(String fileName) {
        return labelsOf(ValidationFiles.numberOf(fileName));
    }

    /** Images with at least one ReaL label: the ones ReaL accuracy counts (46,837 of 50,000). */
    public int coveredImages() {
        return (int) sets.stream().filter(s -> !s.isEmpty()).count();
    }

    /** Distinct labels that appear in some image's set. */
    public int coveredClasses() {
        return (int) sets.stream().flatMap(List::stream).distinct().count();
    }
}
