package org.imagenetwds.sample;

import java.util.List;

/**
 * One entry of the devkit's {@code synsets} struct array (meta.mat): a leaf is one of the 1,000
 * classes ({@code children} empty, ID 1..1000), the others are their WordNet ancestors.
 */
public record DevkitSynset(int id, String wnid, String words, String gloss, List<Integer> children,
                           int wordnetHeight, int trainImages) {

    public DevkitSynset {
        children = List.copyOf(children);
    }
}
