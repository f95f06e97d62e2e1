package org.imagenetwds.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.imagenetwds.plan.ClassSelector;
import org.imagenetwds.plan.Selection;
import org.junit.jupiter.api.Test;

class ClassListTest {

    private static final Path PUBLISHED = Path.of(System.getProperty("imagenetwds.shared", "../../shared"))
            .resolve("data/imagenet-meta/imagenet12k_synsets.txt");

    @Test
    void theShippedListIsTimmsPublishedOne() throws Exception {
        assumeTrue(Files.exists(PUBLISHED), "skipping: ../shared absent");
        assertEquals(ClassList.parse(Files.readAllBytes(PUBLISHED), PUBLISHED.toString()), ClassList.published12k());
        assertEquals(11_821, ClassList.published12k().size());
    }

    @Test
    void aTopKChoiceSaysHowItComparesWithThePublishedList() {
        List<String> published = ClassList.published12k();
        Map<String, Long> usable = new HashMap<>();
        published.forEach(w -> usable.put(w, 1000L));
        Selection same = ClassSelector.topK(usable, published.size());
        assertEquals("the classes equal timm's published ImageNet-12k list (11821)",
                ClassList.comparedWithPublished12k(same, usable));

        usable.put("n99999999", 5000L); // a synset the published list does not have, ahead of all
        usable.put(published.get(0), 10L); // and one of its synsets now last
        String line = ClassList.comparedWithPublished12k(ClassSelector.topK(usable, published.size()), usable);
        assertEquals("the classes differ from timm's published ImageNet-12k list (11821): 1 chosen not in it "
                + "(n99999999 (5000)), 1 of it not chosen (" + published.get(0) + " (10))", line);
    }

    @Test
    void aListedChoiceTakesExactlyItsSynsetsAndNamesThoseTheInputLacks() {
        Map<String, Long> usable = Map.of("n00000001", 5L, "n00000002", 9L, "n00000003", 1L, "n00000004", 0L);
        Selection s = ClassSelector.listed(usable, List.of("n00000003", "n00000001"), "mine.txt");
        assertEquals(List.of("n00000001", "n00000003"), s.synsets());
        assertEquals(1, s.cutoffCount());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClassSelector.listed(usable, List.of("n00000001", "n00000004", "n00000005"), "mine.txt"));
        assertEquals("classes file mine.txt lists 2 synsets the input has no usable image of (n00000004, n00000005)",
                e.getMessage());
    }

    @Test
    void aMalformedListIsRefusedNamingTheLine() {
        assertEquals("l.txt line 2: 'cat' is not a WNID like n01440764", assertThrows(IllegalArgumentException.class,
                () -> ClassList.parse("n00000001\ncat\n".getBytes(StandardCharsets.UTF_8), "l.txt")).getMessage());
        assertEquals("l.txt line 3: n00000001 is listed twice", assertThrows(IllegalArgumentException.class,
                () -> ClassList.parse("n00000001\n\nn00000001\n".getBytes(StandardCharsets.UTF_8), "l.txt")).getMessage());
    }
}
