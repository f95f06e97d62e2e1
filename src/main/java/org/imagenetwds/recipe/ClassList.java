package org.imagenetwds.recipe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.imagenetwds.dataset.FirstNames;
import org.imagenetwds.dataset.LineList;
import org.imagenetwds.dataset.SampleKeys;
import org.imagenetwds.plan.Selection;

/**
 * A list of classes, one WNID per line ({@code --classes-file}), and timm's published ImageNet-12k
 * list shipped with the tool, which a top-K choice is compared with: the published dataset's classes
 * are a fact of fall11, so a build that chose others should say so.
 */
public final class ClassList {

    private static final String PUBLISHED_12K = "imagenet12k_synsets.txt";
    private static final int SHOWN = 5;

    private ClassList() {
    }

    /** @throws IllegalArgumentException naming the list, the line and what is wrong */
    public static List<String> parse(byte[] list, String name) {
        List<String> wnids = LineList.parse(list, name, SampleKeys.SYNSET, "a WNID like n01440764");
        if (wnids.isEmpty()) {
            throw new IllegalArgumentException(name + " lists no class");
        }
        return wnids;
    }

    /** timm's {@code imagenet12k_synsets.txt}: the 11,821 classes of the published ImageNet-12k. */
    public static List<String> published12k() {
        try (InputStream in = ClassList.class.getResourceAsStream(PUBLISHED_12K)) {
            return parse(in.readAllBytes(), PUBLISHED_12K);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped " + PUBLISHED_12K, e);
        }
    }

    /**
     * One line on how {@code selection} compares with timm's published 12k list: equal, or how many
     * differ on each side and the first few, with their usable counts here.
     */
    public static String comparedWithPublished12k(Selection selection, Map<String, Long> usableCounts) {
        List<String> published = published12k();
        Set<String> publishedSet = new HashSet<>(published);
        Set<String> chosen = new HashSet<>(selection.synsets());
        List<String> extra = selection.synsets().stream().filter(s -> !publishedSet.contains(s)).toList();
        List<String> missing = published.stream().filter(s -> !chosen.contains(s)).sorted().toList();
        if (extra.isEmpty() && missing.isEmpty()) {
            return "the classes equal timm's published ImageNet-12k list (" + published.size() + ")";
        }
        return "the classes differ from timm's published ImageNet-12k list (" + published.size() + "): " + extra.size()
                + " chosen not in it" + shown(extra, usableCounts) + ", " + missing.size() + " of it not chosen"
                + shown(missing, usableCounts);
    }

    private static String shown(List<String> wnids, Map<String, Long> usableCounts) {
        if (wnids.isEmpty()) {
            return "";
        }
        List<String> withCounts = wnids.stream().map(w -> w + " (" + usableCounts.getOrDefault(w, 0L) + ")").toList();
        return " (" + FirstNames.of(withCounts, SHOWN) + ")";
    }
}
