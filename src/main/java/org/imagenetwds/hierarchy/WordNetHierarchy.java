package org.imagenetwds.hierarchy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.imagenetwds.dataset.SynsetNames;

/**
 * The WordNet 3.0 is-a hierarchy above the ImageNet synsets: each WNID's parents (its hypernyms, or
 * its instance hypernyms when it has none), for the 21,844 synsets of the fall11 lemma list and every
 * ancestor of one. Shipped as a resource derived once from Debian's {@code wordnet-base}
 * ({@code tools/wordnet-hypernyms.py}); nothing is read at run time but the resource.
 */
public final class WordNetHierarchy {

    /** WordNet's noun root, {@code entity}. */
    public static final String ROOT = "n00001740";

    private static final WordNetHierarchy SHIPPED = load("wordnet_hypernyms.tsv.gz");

    private final Map<String, List<String>> parents;
    private final Map<String, String> ancestorNames;

    private WordNetHierarchy(Map<String, List<String>> parents, Map<String, String> ancestorNames) {
        this.parents = parents;
        this.ancestorNames = ancestorNames;
    }

    public static WordNetHierarchy shipped() {
        return SHIPPED;
    }

    public boolean contains(String wnid) {
        return parents.containsKey(wnid);
    }

    /** The synset's parents in WordNet's order; none for the root and for a WNID the table lacks. */
    public List<String> parents(String wnid) {
        return parents.getOrDefault(wnid, List.of());
    }

    /**
     * The synset's ancestors, nearest first, up to the root: each step to the first parent, so every
     * synset has one path (WordNet is a graph: 5 % of the synsets have two or three parents).
     */
    public List<String> firstParentPath(String wnid) {
        List<String> path = new ArrayList<>();
        for (List<String> up = parents(wnid); !up.isEmpty(); up = parents(up.get(0))) {
            path.add(up.get(0));
        }
        return path;
    }

    /** The synset's first lemma ("kit fox", "physical entity"), or the WNID when neither list has it. */
    public String shortName(String wnid) {
        String name = ancestorNames.get(wnid);
        return name != null ? name : SynsetNames.shortName(wnid);
    }

    private static WordNetHierarchy load(String resource) {
        Map<String, List<String>> parents = new HashMap<>(32_768);
        Map<String, String> names = new HashMap<>();
        try (InputStream in = WordNetHierarchy.class.getResourceAsStream(resource);
             BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String[] f = line.split("\t", -1);
                parents.put(f[0], f[1].isEmpty() ? List.of() : List.of(f[1].split(",")));
                if (f.length > 2) {
                    names.put(f[0], f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the WordNet hierarchy resource " + resource, e);
        }
        return new WordNetHierarchy(Map.copyOf(parents), Map.copyOf(names));
    }
}
