package org.imagenetwds.hierarchy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.imagenetwds.dataset.SynsetNames;
import org.junit.jupiter.api.Test;

class WordNetHierarchyTest {

    private final WordNetHierarchy wordnet = WordNetHierarchy.shipped();

    private List<String> names(List<String> wnids) {
        return wnids.stream().map(wordnet::shortName).toList();
    }

    @Test
    void kitFoxIsAFoxACanineACarnivoreAPlacentalAMammalUpToEntity() {
        List<String> path = wordnet.firstParentPath("n02119789");
        assertEquals(List.of("n02118333", "n02083346", "n02075296", "n01886756", "n01861778"), path.subList(0, 5));
        assertEquals(List.of("fox", "canine", "carnivore", "placental", "mammal", "vertebrate", "chordate", "animal",
                "organism", "living thing", "whole", "object", "physical entity", "entity"), names(path));
        assertEquals(WordNetHierarchy.ROOT, path.get(path.size() - 1));
        assertEquals(List.of(), wordnet.parents(WordNetHierarchy.ROOT));
    }

    @Test
    void moreKnownChainsAndASynsetWithTwoParents() {
        // tench → cyprinid → cypriniform fish → soft-finned fish → teleost fish → bony fish → fish
        assertEquals(List.of("cyprinid", "cypriniform fish", "soft-finned fish", "teleost fish", "bony fish", "fish"),
                names(wordnet.firstParentPath("n01440764")).subList(0, 6));
        // golden retriever → retriever → sporting dog → hunting dog → dog → canine
        assertEquals(List.of("retriever", "sporting dog", "hunting dog", "dog", "canine"),
                names(wordnet.firstParentPath("n02099601")).subList(0, 5));
        // person is an organism and a causal agent: both parents, the path takes the first
        assertEquals(List.of("n00004475", "n00007347"), wordnet.parents("n00007846"));
        assertEquals("n00004475", wordnet.firstParentPath("n00007846").get(0));
    }

    @Test
    void everyShippedSynsetReachesEntityAndEveryFall11SynsetIsInTheTable() throws Exception {
        int synsets = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                SynsetNames.class.getResourceAsStream("synset_lemmas.txt.gz")), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String wnid = line.substring(0, line.indexOf('\t'));
                assertTrue(wordnet.contains(wnid), wnid);
                List<String> path = wordnet.firstParentPath(wnid);
                assertEquals(WordNetHierarchy.ROOT, path.isEmpty() ? wnid : path.get(path.size() - 1), wnid);
                synsets++;
            }
        }
        assertEquals(21_844, synsets);
        assertFalse(wordnet.contains("n99999999"));
        assertEquals(List.of(), wordnet.firstParentPath("n99999999"));
    }
}
