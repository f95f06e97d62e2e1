package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.image.ImageHeader;
import org.imagenetwds.image.ImageProbe;
import org.imagenetwds.image.JpegCodec;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --preset imagenet21k-p} on generate-sample's around-500 shape: synsets of 501, 500, 502 and
 * 499 files (the first with odd members among its files, three of them rejected): the cut keeps the
 * 501 and 502, validation is each class's first 50 file names in byte order, every image with a
 * longer side of 224 or more is 224 x 224 and every smaller one is its source's pixels; the
 * hierarchy and the card come with it.
 */
class ImageNet21kPPresetTest {

    @TempDir
    static Path dir;

    private static Path input;
    private static Path output;

    @BeforeAll
    static void build() throws IOException {
        input = dir.resolve("fall11");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(4, 8, 3,
                org.imagenetwds.dataset.InputLayout.SYNSET_TARS, SampleCorpusGenerator.Shape.AROUND_500)).generate(input);
        output = dir.resolve("in21kp");
        assertEquals(0, ImagenetWds.execute(new String[] {"run", "--preset", "imagenet21k-p", "--input", input.toString(),
                "--output", output.toString(), "--master", "local[2]", "--train-shards", "2", "--val-shards", "1"}));
    }

    private static DatasetInfo info() throws IOException {
        return DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json")));
    }

    @Test
    void classesWithMoreThan500FilesAreKeptCountedBeforeTheImageRules() throws IOException {
        List<String> wnids = SampleCorpusGenerator.AROUND_500_WNIDS;
        // 501 files (3 of them rejected: 498 usable) and 502 in; 500 and 499 out
        assertEquals(List.of(wnids.get(0), wnids.get(2)), Files.readAllLines(output.resolve("classes.txt")));
        BuildStats stats = BuildStats.parse(Files.readAllBytes(output.resolve("_meta/stats.json")));
        assertEquals(6, stats.rejected(), "noise, truncated and bomb in each of the first two synsets");
        assertEquals(497 + 499, stats.unselected());
        assertTrue(stats.identityHolds());
        DatasetInfo info = info();
        assertEquals(448 + 452, info.split("train").numSamples());
        assertEquals(100, info.split("validation").numSamples());
        assertTrue(info.split("train").filenames().get(0).startsWith("imagenet21k-p-train-"));
        assertEquals("more_than_files", info.recipe().recorded().get("classes"));
        assertEquals(500, info.recipe().recorded().get("more_than_files"));
        assertEquals("name", info.recipe().recorded().get("val_order"));
        assertEquals("squash", info.recipe().recorded().get("resize"));
    }

    @Test
    void validationIsTheFirst50FileNamesOfEachClassInByteOrder() throws IOException {
        Map<String, List<String>> held = new TreeMap<>();
        for (OutputFiles.Sample s : OutputFiles.samples(output, info().split("validation").filenames())) {
            held.computeIfAbsent(s.json().path("class_name").asText(), c -> new java.util.ArrayList<>())
                    .add(s.json().path("filename").asText());
        }
        assertEquals(2, held.size());
        held.forEach((wnid, files) -> {
            List<String> expected;
            try {
                expected = OutputFiles.members(input.resolve(wnid + ".tar")).stream()
                        .sorted((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)))
                        .limit(50).toList();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // _1, _10, _100, _101, ... as ls gives them in the C locale
            assertEquals(List.of(wnid + "_1.JPEG", wnid + "_10.JPEG", wnid + "_100.JPEG"), expected.subList(0, 3));
            assertEquals(expected, files.stream().sorted().toList(), wnid);
        });
    }

    @Test
    void largerImagesAreSquashedTo224AndSmallerOnesKeepTheirPixels() throws Exception {
        DatasetInfo info = info();
        int squashed = 0;
        int kept = 0;
        for (List<String> shards : List.of(info.split("train").filenames(), info.split("validation").filenames())) {
            for (String shard : shards) {
                Map<String, byte[]> members = OutputFiles.contents(output.resolve(shard));
                for (Map.Entry<String, byte[]> m : members.entrySet()) {
                    if (!m.getKey().endsWith(".jpg")) {
                        continue;
                    }
                    JsonNode json = new ObjectMapper().readTree(members.get(m.getKey().replace(".jpg", ".json")));
                    ImageHeader h = ImageProbe.probe(m.getValue());
                    JpegCodec.decode(m.getValue(), h.components() == 3); // every image decodes cleanly
                    if (json.has("orig_width")) {
                        assertEquals(List.of(224, 224), List.of(h.width(), h.height()), m.getKey());
                        assertTrue(Math.max(json.path("orig_width").asInt(), json.path("orig_height").asInt()) >= 224);
                        squashed++;
                    } else {
                        assertTrue(Math.max(h.width(), h.height()) < 224, m.getKey() + " " + h.width() + "x" + h.height());
                        kept++;
                    }
                }
            }
        }
        assertTrue(squashed > 50 && kept > 500, squashed + " squashed, " + kept + " kept");
        // a kept image is the source's JPEG data: compare one with its input member
        String sample = SampleCorpusGenerator.AROUND_500_WNIDS.get(2) + "_1.JPEG";
        byte[] source = OutputFiles.contents(input.resolve(SampleCorpusGenerator.AROUND_500_WNIDS.get(2) + ".tar")).get(sample);
        ImageHeader sourceHeader = ImageProbe.probe(source);
        if (Math.max(sourceHeader.width(), sourceHeader.height()) < 224) {
            boolean found = false;
            for (String shard : info.split("validation").filenames()) {
                found |= OutputFiles.contents(output.resolve(shard)).values().stream().anyMatch(b -> Arrays.equals(b, source));
            }
            assertTrue(found, sample + " is written unchanged");
        }
    }

    @Test
    void theHierarchyAndTheCardComeWithTheBuild() throws IOException {
        JsonNode h = new ObjectMapper().readTree(Files.readAllBytes(output.resolve("_meta/hierarchy.json")));
        // mammal (label 0) is above carnivore (label 1)
        JsonNode carnivore = h.path("classes").get(1);
        assertEquals("n02075296", carnivore.path("wnid").asText());
        assertEquals(List.of("n01886756", "n01861778"), List.of(carnivore.path("ancestors").get(0).asText(),
                carnivore.path("ancestors").get(1).asText()));
        assertEquals(0, carnivore.path("class_ancestors").get(0).asInt());
        assertEquals(1, carnivore.path("level").asInt());
        String card = Files.readString(output.resolve("README.md"));
        assertTrue(card.contains("| published, from fall11 | 11221 | 11797632 | 561052 |"), card);
        assertTrue(card.contains("| published, from winter21 | 10450 | 11060223 | 522500 |"), card);
        assertTrue(card.contains("| this build | 2 | 900 | 100 |"), card);
        assertTrue(card.contains("squashed to 224 x 224"), card);
        assertTrue(card.contains("card/class-tree.png"), card);
        try (Stream<Path> pictures = Files.list(output.resolve("card"))) {
            assertTrue(pictures.anyMatch(p -> p.getFileName().toString().equals("class-tree.png")));
        }
    }
}
