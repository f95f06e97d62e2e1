package org.imagenetwds.ilsvrc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The devkit's labels on the real ILSVRC-2012 files in ../shared/data/ilsvrc2012 (skipped without
 * them): meta.mat, the validation ground truth, and the sorted class list and synset_words.txt as
 * independent references.
 */
class Ilsvrc2012DevkitTest {

    private static final Path DATA = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data", "ilsvrc2012");

    private static Ilsvrc2012Devkit devkit() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "skipping: " + DATA.toAbsolutePath() + " not found (../shared absent)");
        return Ilsvrc2012Devkit.read(Files.readAllBytes(DATA.resolve("meta.mat")), "meta.mat",
                Files.readAllBytes(DATA.resolve("ILSVRC2012_validation_ground_truth.txt")), "ground truth");
    }

    @Test
    void labelsAreIndicesInSortedWnidOrderNotDevkitIds() throws IOException {
        Ilsvrc2012Devkit d = devkit();
        assertEquals(Files.readAllLines(DATA.resolve("imagenet_1k_synsets.txt")).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList(), d.classes());
        assertEquals("n02119789", d.wnidOfId(1)); // kit fox
        assertEquals(278, d.labelOfId(1));
        assertEquals(50_000, d.validationImages());
        assertEquals(List.of(65, 970, 230), List.of(d.validationLabel(1), d.validationLabel(2), d.validationLabel(3)));
        assertEquals("ILSVRC2012_val_00050000.JPEG", Ilsvrc2012Devkit.validationFileName(50_000));
    }

    /** Every one of the 50,000 against synset_words.txt (line i = the WNID of label i, a separate file). */
    @Test
    void everyValidationLabelAgreesWithSynsetWords() throws IOException {
        Ilsvrc2012Devkit d = devkit();
        List<String> words = Files.readAllLines(DATA.resolve("synset_words.txt")).stream()
                .map(l -> l.split(" ", 2)[0]).filter(l -> !l.isEmpty()).toList();
        List<String> ids = Files.readAllLines(DATA.resolve("ILSVRC2012_validation_ground_truth.txt"));
        Map<Integer, Integer> perLabel = new TreeMap<>();
        for (int i = 1; i <= 50_000; i++) {
            int label = d.validationLabel(i);
            assertEquals(d.wnidOfId(Integer.parseInt(ids.get(i - 1).strip())), words.get(label), "image " + i);
            perLabel.merge(label, 1, Integer::sum);
        }
        assertEquals(1000, perLabel.size());
        assertTrue(perLabel.values().stream().allMatch(n -> n == 50), "50 validation images per class");
    }

    @Test
    void aBrokenDevkitIsRefusedWithOneLineNamingTheFile() throws IOException {
        assumeTrue(Files.isDirectory(DATA), "skipping: ../shared absent");
        byte[] meta = Files.readAllBytes(DATA.resolve("meta.mat"));
        IllegalArgumentException notMat = assertThrows(IllegalArgumentException.class, () -> Ilsvrc2012Devkit.read(
                Arrays.copyOf(meta, 1000), "devkit/data/meta.mat", "1\n".getBytes(), "gt"));
        assertTrue(notMat.getMessage().startsWith("devkit/data/meta.mat is not a devkit meta.mat"), notMat.getMessage());
        IllegalArgumentException badLine = assertThrows(IllegalArgumentException.class, () -> Ilsvrc2012Devkit.read(
                meta, "meta.mat", "490\n361\nkit fox\n".getBytes(StandardCharsets.US_ASCII), "gt.txt"));
        assertEquals("gt.txt line 3: 'kit fox' is not an ILSVRC2012_ID", badLine.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> Ilsvrc2012Devkit.read(
                meta, "meta.mat", "1001\n".getBytes(StandardCharsets.US_ASCII), "gt.txt"));
        assertEquals("gt.txt line 1: ILSVRC2012_ID 1001 is not one of the 1,000 classes of meta.mat", unknown.getMessage());
    }

    @Test
    void theShippedSubsetsAreSimclrsListsClassBalancedAsPublished() {
        List<String> one = Ilsvrc2012Subsets.Shipped.of("1pct").files();
        List<String> ten = Ilsvrc2012Subsets.Shipped.of("10pct").files();
        assertEquals(Map.of(13L, 811L, 12L, 189L), sizes(one));
        assertEquals(Map.of(129L, 116L, 128L, 884L), sizes(ten));
        assertEquals("n01440764_10026.JPEG", Ilsvrc2012Subsets.parse("n01440764_10026.JPEG\n".getBytes(), "x").get(0));
        assertThrows(IllegalArgumentException.class, () -> Ilsvrc2012Subsets.parse("../etc/passwd\n".getBytes(), "x"));
    }

    /** Files per class → how many classes have that many. */
    private static Map<Long, Long> sizes(List<String> files) {
        return files.stream().collect(Collectors.groupingBy(f -> f.substring(0, 9), Collectors.counting()))
                .values().stream().collect(Collectors.groupingBy(n -> n, Collectors.counting()));
    }
}
