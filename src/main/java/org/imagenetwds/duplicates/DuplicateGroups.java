package org.imagenetwds.duplicates;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code --dedup} keeps: the samples linked by pairs form groups (connected components: a near
 * chain a–b–c is one group even when a and c are not a pair, so that no two kept samples are a pair),
 * and each group keeps one representative — its smallest key among the samples that must stay (a given
 * validation set's), else its smallest key. Deciding this before the split draws validation means only
 * representatives can be drawn: a drawn one is "the validation copy" and its group's other samples are
 * dropped as its duplicates, so validation stays exactly N per class.
 */
public final class DuplicateGroups {

    private DuplicateGroups() {
    }

    /**
     * The samples to drop, each mapped to its group's representative.
     *
     * @param kept samples that are never dropped (a given validation set): when a group holds two, both stay
     */
    public static Map<String, String> dropped(Collection<DuplicatePair> pairs, Set<String> kept) {
        Map<String, String> parent = new HashMap<>();
        for (DuplicatePair p : pairs) {
            union(parent, p.keyA(), p.keyB());
        }
        Map<String, String> representative = new HashMap<>(); // root -> the group's representative
        for (String key : parent.keySet()) {
            representative.merge(find(parent, key), key, (a, b) -> better(a, b, kept));
        }
        Map<String, String> dropped = new TreeMap<>();
        for (String key : parent.keySet()) {
            String rep = representative.get(find(parent, key));
            if (!key.equals(rep) && !kept.contains(key)) {
                dropped.put(key, rep);
            }
        }
        return dropped;
    }

    private static String better(String a, String b, Set<String> kept) {
        boolean ka = kept.contains(a);
        if (ka != kept.contains(b)) {
            return ka ? a : b;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String find(Map<String, String> parent, String key) {
        String root = key;
        while (!parent.getOrDefault(root, root).equals(root)) {
            root = parent.get(root);
        }
        for (String k = key; !k.equals(root); ) { // path compression keeps chains of a large group short
            String next = parent.get(k);
            parent.put(k, root);
            k = next;
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        parent.putIfAbsent(a, a);
        parent.putIfAbsent(b, b);
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
        }
    }
}
