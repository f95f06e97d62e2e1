package org.imagenetwds.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.ShortEdgeHistogram;
import org.imagenetwds.labels.MultiLabelAnnotations;
import org.imagenetwds.labels.MultiLabelFixture;
import org.imagenetwds.labels.RealLabels;
import org.imagenetwds.labels.ValidationFiles;
import org.imagenetwds.labels.ValidationLabels;
import org.imagenetwds.testing.TestImages;
import org.imagenetwds.plan.ShardLayout;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.duplicates.DecontaminationStats;
import org.imagenetwds.duplicates.DuplicateStats;
import org.imagenetwds.duplicates.EvaluationSet;
import org.imagenetwds.recipe.ClassChoice;
import org.imagenetwds.image.ImageEncoding;
import org.imagenetwds.hierarchy.WordNetHierarchy;
import org.imagenetwds.recipe.Presets;
import org.imagenetwds.recipe.Recipe;
import org.imagenetwds.recipe.ValidationSource;
import org.junit.jupiter.api.Test;

/** The dataset card and its pictures, from facts made here. */
class DatasetCardTest {

    private static final List<String> SELECTED = List.of("n01440764", "n01443537", "n01484850");

    private static DatasetInfo info() {
        Recipe twelveK = Presets.of(Presets.IMAGENET_12K);
        Recipe recipe = new Recipe(twelveK.name(), new ClassChoice.TopK(3), new ValidationSource.HeldOut(2),
                twelveK.subset(), twelveK.images(), new ShardLayout(2, 1), false, 42,
                twelveK.format());
        return new DatasetInfo("imagenet12k", List.of(
                new DatasetInfo.SplitInfo("train", List.of("imagenet12k-train-0000.tar", "imagenet12k-train-0001.tar"),
                        List.of(1500L, 1499L)),
                new DatasetInfo.SplitInfo("validation", List.of("imagenet12k-validation-0000.tar"), List.of(6L))),
                SELECTED.size(), recipe);
    }

    private static BuildStats stats() {
        Map<String, Long> written = new LinkedHashMap<>();
        written.put("train", 2999L);
        written.put("validation", 6L);
        return new BuildStats(3100, written, Map.of("corrupt_data", 7L, "too_small", 40L), 48, 3, 900, false, Map.of(), null);
    }

    private static CardFacts facts() {
        Map<String, Long> usable = new LinkedHashMap<>();
        usable.put("n01440764", 1100L);
        usable.put("n01443537", 1000L);
        usable.put("n01484850", 905L);
        usable.put("n01491361", 48L);
        ShortEdgeHistogram before = new ShortEdgeHistogram();
        ShortEdgeHistogram after = new ShortEdgeHistogram();
        for (int i = 0; i < 3005; i++) {
            before.add(48 + (i * 7) % 1200);
            after.add(Math.min(600, 48 + (i * 7) % 1200));
        }
        List<CardFacts.SheetSample> sheet = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sheet.add(new CardFacts.SheetSample(SELECTED.get(i % 3) + "_" + i, SELECTED.get(i % 3), TestImages.jpeg(120 + i * 10, 90)));
        }
        return new CardFacts(usable, SELECTED, before, after, Map.of("train", 300_000_000L, "validation", 600_000L),
                "f".repeat(64), DatasetInfo.TOOL_VERSION, sheet, ValidationLabels.NONE);
    }

    @Test
    void theFrontMatterIsValidYamlInTheHuggingFaceConvention() throws Exception {
        String card = DatasetCard.render(info(), stats(), facts(), List.of(CardPictures.CLASS_COUNTS));
        assertTrue(card.startsWith("---\n"), card);
        int end = card.indexOf("\n---\n", 4);
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(card.substring(4, end + 1));
        assertEquals("other", yaml.path("license").asText());
        assertEquals("https://image-net.org/download", yaml.path("license_link").asText());
        assertEquals("image-classification", yaml.path("task_categories").get(0).asText());
        assertEquals("1K<n<10K", yaml.path("size_categories").get(0).asText());
        JsonNode splits = yaml.path("dataset_info").path("splits");
        assertEquals(2999, splits.get(0).path("num_examples").asLong());
        assertEquals(300_000_000L, splits.get(0).path("num_bytes").asLong());
        assertEquals("validation", splits.get(1).path("name").asText());
        JsonNode names = yaml.path("dataset_info").path("features").get(1).path("dtype").path("class_label").path("names");
        assertEquals("n01484850", names.path("2").asText());
        JsonNode files = yaml.path("configs").get(0).path("data_files");
        assertEquals("imagenet12k-train-*.tar", files.get(0).path("path").asText());
        assertTrue(card.contains("![usable images per class, sorted, log scale, with the selection cut-off](card/class-counts.png)"));
        assertTrue(card.contains("| rejected: `corrupt_data` | 7 |"), card);
        assertTrue(card.contains("imagenet12k-train-{0000..0001}.tar"), card);
        // key order is fixed, not whatever a JVM's Map.of salt gives: the same build, the same card bytes
        assertTrue(card.contains("    - name: jpg\n      dtype: image\n"), card);
    }

    @Test
    void duplicatesAreCountedInTheCardAndStatsJsonAndPicturedInPairs() throws Exception {
        BuildStats plain = stats();
        BuildStats stats = new BuildStats(plain.inputMembers(), plain.writtenBySplit(), plain.rejectedByReason(),
                plain.unselected(), plain.classes(), plain.cutoffCount(), plain.tieSplit(), Map.of(),
                new DuplicateStats(5, 2, 4, 3, 2));
        String card = DatasetCard.render(info(), stats, facts(), List.of());
        assertTrue(card.contains("## Duplicates\n"), card);
        assertTrue(card.contains("| exact | 5 |\n| near | 2 |\n| within a class | 4 |\n| across classes | 3 |\n\n"
                + "2 validation samples have a copy in train"), card);
        assertEquals(stats, BuildStats.parse(stats.toJson()), "stats.json reads back with its duplicates");
        assertTrue(!DatasetCard.render(info(), stats(), facts(), List.of()).contains("## Duplicates"), "none counted, none shown");

        CardFacts f = facts();
        CardFacts withPairs = new CardFacts(f.usableBySynset(), f.selected(), f.shortEdgesBefore(), f.shortEdgesAfter(),
                f.bytesBySplit(), f.inputFingerprint(), f.toolVersion(), f.sheet(), f.labelSets(), List.of(), null,
                f.sheet().subList(0, 4));
        BufferedImage pairs = ImageIO.read(new ByteArrayInputStream(
                CardPictures.render(withPairs, Map.of()).get(CardPictures.DUPLICATE_PAIRS)));
        assertEquals(ContactSheet.COLUMNS * ContactSheet.CELL, pairs.getWidth(), "four pairs to a row");
        assertTrue(!CardPictures.render(f, Map.of()).containsKey(CardPictures.DUPLICATE_PAIRS));
    }

    @Test
    void aDedupBuildsCardSaysWhatItDroppedAndWhy() {
        BuildStats plain = stats();
        Map<String, Long> rejected = new LinkedHashMap<>(plain.rejectedByReason());
        rejected.put("duplicate", 9L);
        rejected.put("duplicate_of_validation", 2L);
        BuildStats stats = new BuildStats(plain.inputMembers(), plain.writtenBySplit(), rejected, plain.unselected() - 11,
                plain.classes(), plain.cutoffCount(), plain.tieSplit(), Map.of(), DuplicateStats.NONE);
        DatasetInfo plainInfo = info();
        DatasetInfo near = new DatasetInfo(plainInfo.name(), plainInfo.splits(), plainInfo.numClasses(),
                plainInfo.recipe().withDedup(DuplicateKind.NEAR));
        String card = DatasetCard.render(near, stats, facts(), List.of());
        assertTrue(card.contains("Built with `--dedup near`: 11 samples were dropped before the split as exact or near"
                + " copies of a sample kept in their place (2 `duplicate_of_validation`, 9 `duplicate`)"), card);
        assertTrue(card.contains("| `dedup` | near |"), "the option in the build table: " + card);
        assertTrue(!DatasetCard.render(plainInfo, stats, facts(), List.of()).contains("--dedup"), "no --dedup, no sentence");
    }

    @Test
    void aDecontaminatedBuildsCardAndStatsSayWhatEachEvaluationSetDropped() throws Exception {
        BuildStats plain = stats();
        Map<String, Long> rejected = new LinkedHashMap<>(plain.rejectedByReason());
        rejected.put("near_evaluation_image", 5L);
        Map<String, Long> images = new LinkedHashMap<>();
        images.put("ILSVRC2012_img_val.tar", 50_000L);
        images.put("imagenetv2", 10_000L);
        BuildStats stats = new BuildStats(plain.inputMembers(), plain.writtenBySplit(), rejected, plain.unselected() - 5,
                plain.classes(), plain.cutoffCount(), plain.tieSplit(), Map.of(), DuplicateStats.NONE,
                new DecontaminationStats(images, Map.of("ILSVRC2012_img_val.tar", 5L)));
        assertEquals(stats, BuildStats.parse(stats.toJson()));
        DatasetInfo plainInfo = info();
        DatasetInfo decontaminated = new DatasetInfo(plainInfo.name(), plainInfo.splits(), plainInfo.numClasses(),
                plainInfo.recipe().withDecontaminate(EvaluationSet.parseList("/d/ILSVRC2012_img_val.tar,/d/imagenetv2")));
        String card = DatasetCard.render(decontaminated, stats, facts(), List.of());
        assertTrue(card.contains("Built with `--decontaminate`: 5 train samples were dropped before the split"), card);
        assertTrue(card.contains("| `ILSVRC2012_img_val.tar` | 50000 | 5 |\n| `imagenetv2` | 10000 | 0 |"), card);
        assertTrue(card.contains("| `decontaminate` |"), "the option in the build table: " + card);
        assertTrue(!DatasetCard.render(plainInfo, plain, facts(), List.of()).contains("Decontamination"), "none without it");
    }

    @Test
    void thePicturesArePngsOfTheStatedSizeAndTheSameBytesEachTime() throws Exception {
        Map<String, byte[]> pictures = CardPictures.render(facts(), stats().rejectedByReason());
        assertEquals(List.of(CardPictures.CLASS_COUNTS, CardPictures.CLASS_TREE, CardPictures.SHORT_EDGES,
                CardPictures.REJECTS, CardPictures.CONTACT_SHEET), List.copyOf(pictures.keySet()));
        for (Map.Entry<String, byte[]> p : pictures.entrySet()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(p.getValue()));
            assertTrue(p.getValue()[1] == 'P' && p.getValue()[2] == 'N' && p.getValue()[3] == 'G', p.getKey());
            if (p.getKey().equals(CardPictures.CONTACT_SHEET)) {
                assertEquals(ContactSheet.COLUMNS * ContactSheet.CELL, image.getWidth());
                assertTrue(image.getHeight() > ContactSheet.CELL, "one row of cells and captions");
            } else if (p.getKey().equals(CardPictures.CLASS_TREE)) {
                assertEquals(CardPictures.CHART_WIDTH, image.getWidth());
                assertEquals((ClassTreePicture.lines(SELECTED, WordNetHierarchy.shipped()).size() + 2) * 22, image.getHeight(),
                        "a title, the lines and a margin, 22 px each");
            } else {
                assertEquals(CardPictures.CHART_WIDTH, image.getWidth(), p.getKey());
                assertEquals(CardPictures.CHART_HEIGHT, image.getHeight(), p.getKey());
            }
        }
        Map<String, byte[]> again = CardPictures.render(facts(), stats().rejectedByReason());
        for (String name : pictures.keySet()) {
            assertArrayEquals(pictures.get(name), again.get(name), name + " differs between two renderings");
        }
        assertEquals(DatasetCard.render(info(), stats(), facts(), List.copyOf(pictures.keySet())),
                DatasetCard.render(info(), stats(), facts(), List.copyOf(again.keySet())));
    }

    @Test
    void aClassViewsCutOffIsMarkedBesideTheBuildsOwnAtFall11sClassCount() throws Exception {
        Map<String, Long> usable = new LinkedHashMap<>();
        for (int i = 0; i < 21_841; i++) {
            usable.put(String.format("n%08d", i), 3_000L / (1 + i / 500));
        }
        List<String> all = List.copyOf(usable.keySet());
        CardFacts plain = facts();
        CardFacts withView = new CardFacts(usable, all, plain.shortEdgesBefore(), plain.shortEdgesAfter(),
                plain.bytesBySplit(), plain.inputFingerprint(), plain.toolVersion(), List.of(), ValidationLabels.NONE,
                all.subList(0, 11_821), null, List.of());
        CardFacts withoutView = new CardFacts(usable, all.subList(0, 11_821), plain.shortEdgesBefore(),
                plain.shortEdgesAfter(), plain.bytesBySplit(), plain.inputFingerprint(), plain.toolVersion(), List.of(),
                ValidationLabels.NONE);

        assertEquals(2, cutOffLines(withView), "the 22k build's line after its last class and the 12k view's");
        assertEquals(1, cutOffLines(withoutView));
    }

    /** Red lines from the top of the class-count chart's plot to its bottom. */
    private static int cutOffLines(CardFacts facts) throws Exception {
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(
                CardPictures.render(facts, Map.of()).get(CardPictures.CLASS_COUNTS)));
        int lines = 0;
        boolean inLine = false;
        for (int x = 0; x < chart.getWidth(); x++) {
            int red = 0;
            for (int y = 100; y < 400; y++) { // inside the plot, below the labels
                int rgb = chart.getRGB(x, y);
                red += ((rgb >> 16) & 0xff) > 200 && ((rgb >> 8) & 0xff) < 60 && (rgb & 0xff) < 60 ? 1 : 0;
            }
            boolean line = red == 300;
            lines += line && !inLine ? 1 : 0;
            inLine = line;
        }
        return lines;
    }

    @Test
    void aOneKCardSaysWhatEachLabelSetCoversAndNothingWithoutThem() throws Exception {
        DatasetInfo oneK = new DatasetInfo("imagenet1k", info().splits(), SELECTED.size(), Presets.of(Presets.IMAGENET_1K));
        CardFacts without = facts();
        String plain = DatasetCard.render(oneK, stats(), without, List.of());
        assertTrue(!plain.contains("ReaL") && !plain.contains("multi-label"), plain);
        byte[] json = new MultiLabelFixture().annotate(ValidationFiles.nameOf(1), List.of("n01440764"), List.of(), List.of())
                .annotate(ValidationFiles.nameOf(2), List.of("n01443537"), List.of(), List.of())
                .problematic(ValidationFiles.nameOf(2)).imagenetM(ValidationFiles.nameOf(1)).toJson();
        ValidationLabels labels = new ValidationLabels(
                Optional.of(new RealLabels(List.of(List.of(0), List.of(), List.of(1, 2)))),
                Optional.of(MultiLabelAnnotations.read(new ByteArrayInputStream(json), "multi.json", SELECTED)));
        CardFacts with = new CardFacts(without.usableBySynset(), without.selected(), without.shortEdgesBefore(),
                without.shortEdgesAfter(), without.bytesBySplit(), without.inputFingerprint(), without.toolVersion(),
                without.sheet(), labels);
        String card = DatasetCard.render(oneK, stats(), with, List.of());
        assertTrue(card.contains("* ReaL labels (`real_labels` in each validation json, `_meta/labels/`): 2 of the 3 "
                + "validation images have at least one, 1 an empty set (left out of ReaL accuracy);\n"), card);
        assertTrue(card.contains("`_meta/labels/`): 2 validation images annotated, 1 of them problematic, 1 in ImageNet-M;\n"),
                card);
        assertEquals(plain, card.replaceAll("(?m)^\\* (ReaL labels|multi-label annotations) .*\n", ""),
                "the label sets add their two lines and nothing else");
    }

    @Test
    void aWebpCardSaysItsImageFormatAndNamesTheWebpMember() {
        DatasetInfo jpeg = info();
        Recipe r = jpeg.recipe();
        DatasetInfo webp = new DatasetInfo(jpeg.name(), jpeg.splits(), jpeg.numClasses(), new Recipe(r.name(), r.classes(),
                r.validation(), r.subset(), r.images().withEncoding(ImageEncoding.WEBP), r.shards(), false, r.seed(), r.format()));
        String plain = DatasetCard.render(jpeg, stats(), facts(), List.of());
        String card = DatasetCard.render(webp, stats(), facts(), List.of());
        assertTrue(card.contains("* image format WebP: every image decoded (colour-managed to sRGB, alpha flattened on white)"
                + " and written as lossy WebP, quality 80, method 4 (Pillow's defaults)"), card);
        assertTrue(card.contains("`<key>.webp`") && card.contains("to_tuple('webp', 'cls')")
                && card.contains("| `image_format` | webp |") && card.contains("name: webp"), card);
        assertTrue(!card.contains("jpg") && !card.contains("JPEG quality") && !card.contains("keep their compressed"), card);
        assertTrue(plain.contains("`<key>.jpg`") && !plain.contains("WebP") && !plain.contains("image_format"), plain);
    }

    @Test
    void sizeCategoriesFollowTheHubsBuckets() {
        assertEquals("n<1K", DatasetCard.sizeCategory(999));
        assertEquals("10M<n<100M", DatasetCard.sizeCategory(12_602_527));
    }
}
