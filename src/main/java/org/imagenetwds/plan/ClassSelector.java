package org.imagenetwds.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.imagenetwds.dataset.FirstNames;

/**
 * Chooses the classes: the top {@code classes} synsets by usable count, ties broken by synset id
 * ascending, every synset with at least {@code minPerClass} usable images, or with more than
 * {@code files} files.
 */
public final class ClassSelector {

    private ClassSelector() {
    }

    public static Selection topK(Map<String, Long> usableCounts, int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("--classes must be positive, got " + classes);
        }
        List<Map.Entry<String, Long>> ranked = ranked(usableCounts);
        if (ranked.size() < classes) {
            throw new IllegalArgumentException("--classes " + classes + " asks for more synsets than the "
                    + ranked.size() + " that have a usable image");
        }
        return selection(ranked, ranked.subList(0, classes));
    }

    public static Selection minPerClass(Map<String, Long> usableCounts, int minPerClass) {
        if (minPerClass < 1) {
            throw new IllegalArgumentException("--min-per-class must be positive, got " + minPerClass);
        }
        List<Map.Entry<String, Long>> ranked = ranked(usableCounts);
        List<Map.Entry<String, Long>> chosen = ranked.stream().filter(e -> e.getValue() >= minPerClass).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no synset has --min-per-class " + minPerClass + " usable images");
        }
        return selection(ranked, chosen);
    }

    /**
     * The synsets with more than {@code files} files (a usable image among them); ranked, and cut off,
     * by file count; the selection carries their usable counts. A strict cut never splits a tie.
     */
    public static Selection moreThanFiles(Map<String, Long> usableCounts, Map<String, Long> fileCounts, int files) {
        Map<String, Long> withUsable = new java.util.HashMap<>();
        fileCounts.forEach((synset, n) -> {
            if (usableCounts.getOrDefault(synset, 0L) > 0) {
                withUsable.put(synset, n);
            }
        });
        List<Map.Entry<String, Long>> ranked = ranked(withUsable);
        List<Map.Entry<String, Long>> chosen = ranked.stream().filter(e -> e.getValue() > files).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("no synset has more than " + files + " files");
        }
        Selection byFiles = selection(ranked, chosen);
        return new Selection(byFiles.synsets(), byFiles.synsets().stream().map(usableCounts::get).toList(),
                byFiles.cutoffCount(), false, byFiles.candidates());
    }

    /**
     * The listed synsets; each must have a usable image in the input.
     *
     * @throws IllegalArgumentException naming the list and the first few synsets the input lacks
     */
    public static Selection listed(Map<String, Long> usableCounts, List<String> wnids, String source) {
        List<String> absent = wnids.stream().filter(w -> usableCounts.getOrDefault(w, 0L) == 0).toList();
        if (!absent.isEmpty()) {
            throw new IllegalArgumentException("classes file " + source + " lists " + absent.size()
                    + " synsets the input has no usable image of (" + FirstNames.of(absent, 5) + ")");
        }
        List<Map.Entry<String, Long>> ranked = ranked(usableCounts);
        java.util.Set<String> listed = new java.util.HashSet<>(wnids);
        List<Map.Entry<String, Long>> chosen = ranked.stream().filter(e -> listed.contains(e.getKey())).toList();
        return selection(ranked, chosen);
    }

    private static List<Map.Entry<String, Long>> ranked(Map<String, Long> usableCounts) {
        List<Map.Entry<String, Long>> ranked = new ArrayList<>();
        for (Map.Entry<String, Long> e : usableCounts.entrySet()) {
            if (e.getValue() > 0) {
                ranked.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        ranked.sort(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue).reversed()
                .thenComparing(Map.Entry::getKey));
        return ranked;
    }

    private static Selection selection(List<Map.Entry<String, Long>> ranked, List<Map.Entry<String, Long>> chosen) {
        long cutoff = chosen.get(chosen.size() - 1).getValue();
        boolean tieSplit = ranked.size() > chosen.size() && ranked.get(chosen.size()).getValue() == cutoff;
        List<Map.Entry<String, Long>> byId = new ArrayList<>(chosen);
        byId.sort(Map.Entry.comparingByKey());
        return new Selection(byId.stream().map(Map.Entry::getKey).toList(),
                byId.stream().map(Map.Entry::getValue).toList(), Math.toIntExact(cutoff), tieSplit, ranked.size());
    }
}
