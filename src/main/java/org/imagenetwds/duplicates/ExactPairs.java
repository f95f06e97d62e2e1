package org.imagenetwds.duplicates;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The exact pairs of one group of samples with the same exact-content hash. Exact equality is
 * transitive, so a large group loses nothing by being listed as a star: up to {@code maxGroup}
 * copies every pair is listed, above it each copy once, against the group's smallest key (n − 1
 * rows, not n²/2: the Flickr "photo unavailable" placeholder alone is thousands of files of fall11).
 */
public final class ExactPairs {

    private ExactPairs() {
    }

    public static List<DuplicatePair> of(Collection<String> keys, int maxGroup) {
        List<String> sorted = keys.stream().distinct().sorted().toList();
        List<DuplicatePair> pairs = new ArrayList<>();
        int firsts = sorted.size() > maxGroup ? 1 : sorted.size();
        for (int i = 0; i < firsts; i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                pairs.add(new DuplicatePair(sorted.get(i), sorted.get(j), DuplicateKind.EXACT, 0));
            }
        }
        return pairs;
    }
}
