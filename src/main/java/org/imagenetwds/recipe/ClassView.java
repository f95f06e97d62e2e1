package org.imagenetwds.recipe;

import java.io.Serializable;

/**
 * A smaller label space inside a dataset: ImageNet-22k's "12k view". Its classes are chosen from
 * the same usable counts as a dataset of their own would choose them, so the view of a 22k build is
 * the 12k build. Each sample's json carries {@link #labelField()} (index in the view's class list,
 * or -1), and {@code _info.json} lists the view's splits over the same shards with
 * {@code "alt_label"}: the shape timm's WebDataset reader reads.
 *
 * @param name    the view's suffix: {@code 12k} gives {@code label_12k}, {@code train_12k}, {@code classes_12k.txt}
 * @param classes how the view's classes are chosen
 */
public record ClassView(String name, ClassChoice classes) implements Serializable {

    /** A view's label for a sample outside it: an integer, never null ({@code int(None)} stops a loader). */
    public static final int OUTSIDE = -1;

    public ClassView {
        if (name == null || !name.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("a class view's name may hold letters and digits only, got " + name);
        }
    }

    /** The sample json field holding the view's label. */
    public String labelField() {
        return "label_" + name;
    }

    /** The view's name of a split of the dataset ({@code train} → {@code train_12k}). */
    public String splitName(String split) {
        return split + "_" + name;
    }

    /** The view's class list beside {@code classes.txt}. */
    public String classesFile() {
        return "classes_" + name + ".txt";
    }
}
