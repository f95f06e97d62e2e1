package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The family's presets on one generated fall11-shaped input (an outer tar of synset tars): the 12k
 * view of an ImageNet-22k build is the ImageNet-12k build of the same input and seed — classes,
 * validation set, train samples, their order and labels — and winter21's preset is train only, its
 * WebP build decoded by Pillow (what timm's reader decodes with).
 */
class FamilyPresetsTest {

    private static final String CLASSES = "8";
    private static final String VAL = "3";

    @TempDir
    static Path dir;

    private static Path input;
    private static Path twelveK;
    private static Path twentyTwoK;

    @BeforeAll
    static void buildTwelveKAndTwentyTwoK() throws IOException {
        input = dir.resolve("fall11");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(14, 30, 5, InputLayout.FALL11_TAR)).generate(input);
        twelveK = dir.resolve("12k");
        twentyTwoK = dir.resolve("22k");
        assertEquals(0, run("--preset", "imagenet12k", "--output", twelveK.toString(), "--classes", CLASSES,
                "--val-per-class", VAL, "--train-shards", "3", "--val-shards", "2"));
        assertEquals(0, run("--preset", "imagenet22k", "--output", twentyTwoK.toString(), "--classes", CLASSES,
                "--val-per-class", VAL, "--train-shards", "5", "--val-shards", "2"));
    }

    private static int run(String... options) {
        return runOn("local[2]", options);
    }

    private static int runOn(String master, String... options) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--max-reject-fraction", "0.2",
                "--master", master));
        args.addAll(List.of(options));
        return ImagenetWds.execute(args.toArray(String[]::new));
    }

    private static DatasetInfo info(Path output) throws IOException {
        return DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json")));
    }

    @Test
    void theTwelveKViewOfA22kBuildIsThe12kBuild() throws IOException {
        DatasetInfo small = info(twelveK);
        DatasetInfo big = info(twentyTwoK);
        List<String> classes12k = Files.readAllLines(twelveK.resolve("classes.txt"));
        List<String> classes22k = Files.readAllLines(twentyTwoK.resolve("classes.txt"));
        assertEquals(classes12k, Files.readAllLines(twentyTwoK.resolve("classes_12k.txt")));
        assertEquals(8, classes12k.size());
        assertTrue(classes22k.size() > classes12k.size() && classes22k.containsAll(classes12k), classes22k.toString());

        // validation: the same samples in the same order, the 12k label as label_12k, the 22k label as label
        List<OutputFiles.Sample> val12k = OutputFiles.samples(twelveK, small.split("validation").filenames());
        List<OutputFiles.Sample> val22k = OutputFiles.samples(twentyTwoK, big.split("validation").filenames());
        assertEquals(8 * 3, val12k.size());
        assertEquals(keysAndLabels(val12k, "label"), keysAndLabels(val22k, "label_12k"));
        for (OutputFiles.Sample s : val22k) {
            assertEquals(classes22k.indexOf(s.json().path("class_name").asText()), s.json().path("label").asInt(), s.key());
        }

        // train: the 22k shards, read in order and kept where label_12k >= 0, are the 12k train split in order
        List<OutputFiles.Sample> train12k = OutputFiles.samples(twelveK, small.split("train").filenames());
        List<OutputFiles.Sample> train22k = OutputFiles.samples(twentyTwoK, big.split("train").filenames());
        List<OutputFiles.Sample> view = train22k.stream().filter(s -> s.json().path("label_12k").asInt() >= 0).toList();
        assertEquals(keysAndLabels(train12k, "label"), keysAndLabels(view, "label_12k"));
        for (OutputFiles.Sample s : train22k) {
            String wnid = s.json().path("class_name").asText();
            assertTrue(s.json().path("label_12k").isInt(), "label_12k is an integer, never null: " + s.key());
            assertEquals(classes12k.indexOf(wnid), s.json().path("label_12k").asInt(), s.key());
            assertEquals(classes22k.indexOf(wnid), s.json().path("label").asInt(), s.key());
        }
        assertTrue(train22k.size() > view.size(), "the other classes train too");

        // _info.json: the view's splits over the same shards, counting only its samples, as timm's reader reads them
        assertEquals(List.of("train", "validation", "train_12k", "validation_12k"),
                big.splits().stream().map(DatasetInfo.SplitInfo::name).toList());
        for (String split : List.of("train", "validation")) {
            DatasetInfo.SplitInfo whole = big.split(split);
            DatasetInfo.SplitInfo of12k = big.split(split + "_12k");
            assertEquals("label_12k", of12k.altLabel());
            assertEquals(whole.filenames(), of12k.filenames());
            assertEquals(small.split(split).numSamples(), of12k.numSamples(), split);
            for (int i = 0; i < whole.filenames().size(); i++) {
                List<OutputFiles.Sample> shard = OutputFiles.samples(twentyTwoK, List.of(whole.filenames().get(i)));
                assertEquals(whole.shardLengths().get(i), (long) shard.size());
                assertEquals(of12k.shardLengths().get(i),
                        shard.stream().filter(s -> s.json().path("label_12k").asInt() >= 0).count());
            }
        }
        String json = Files.readString(twentyTwoK.resolve("_info.json"));
        assertTrue(json.contains("\"alt_label\" : \"label_12k\""), json);

        // spread: every train shard's 12k share is within one sample of every other's (nothing rejected at write)
        BuildStats stats = BuildStats.parse(Files.readAllBytes(twentyTwoK.resolve("_meta/stats.json")));
        assertFalse(stats.rejectedByReason().keySet().stream().anyMatch(r -> r.equals("decode_failed")));
        List<Long> lengths = big.split("train_12k").shardLengths();
        List<Long> all = big.split("train").shardLengths();
        assertTrue(lengths.stream().mapToLong(Long::longValue).max().orElseThrow()
                - lengths.stream().mapToLong(Long::longValue).min().orElseThrow() <= 1, lengths.toString());
        for (int i = 0; i < all.size(); i++) {
            assertTrue(all.get(i) - lengths.get(i) >= 0, all + " " + lengths);
        }
        assertTrue(stats.identityHolds());

        String card = Files.readString(twentyTwoK.resolve("README.md"));
        assertTrue(card.contains("`classes_12k.txt`") && card.contains("split='train_12k'"), card);
        assertTrue(card.contains("| `view` | name: 12k, classes: 8, min_per_class: 0 |"), card);
        assertTrue(card.contains("Compared with timm's published list: the classes differ from timm's published ImageNet-12k list"),
                card);
    }

    @Test
    void a22kBuildIsByteIdenticalOnOneCore() throws IOException {
        Path oneCore = dir.resolve("22k-one-core");
        assertEquals(0, runOn("local[1]", "--preset", "imagenet22k", "--output", oneCore.toString(), "--classes", CLASSES,
                "--val-per-class", VAL, "--train-shards", "5", "--val-shards", "2"));
        OutputFiles.assertSameBytes(twentyTwoK, oneCore);
        assertEquals(Files.readAllLines(twentyTwoK.resolve("classes_12k.txt")), Files.readAllLines(oneCore.resolve("classes_12k.txt")));
    }

    @Test
    void theTwelveKViewOfA22kShareIsThe12kBuildsShare() throws IOException {
        Path small = dir.resolve("12k-share");
        Path big = dir.resolve("22k-share");
        assertEquals(0, run("--preset", "imagenet12k", "--output", small.toString(), "--classes", CLASSES,
                "--val-per-class", VAL, "--train-shards", "2", "--val-shards", "1", "--subset-fraction", "0.4"));
        assertEquals(0, run("--preset", "imagenet22k", "--output", big.toString(), "--classes", CLASSES,
                "--val-per-class", VAL, "--train-shards", "3", "--val-shards", "1", "--subset-fraction", "0.4"));
        DatasetInfo smallInfo = info(small);
        DatasetInfo bigInfo = info(big);
        List<OutputFiles.Sample> train12k = OutputFiles.samples(small, smallInfo.split("train").filenames());
        List<OutputFiles.Sample> train22k = OutputFiles.samples(big, bigInfo.split("train").filenames());
        List<OutputFiles.Sample> view = train22k.stream().filter(s -> s.json().path("label_12k").asInt() >= 0).toList();
        // the share is taken of the view's classes as the 12k build takes it, and of the others apart
        // (each class's quota is capped by what it has, so a share can be below round(0.4 x N))
        long wholeTrain12k = info(twelveK).split("train").numSamples();
        assertTrue(train12k.size() > 0 && train12k.size() <= Math.round(0.4 * wholeTrain12k), train12k.size() + "");
        assertEquals(keysAndLabels(train12k, "label"), keysAndLabels(view, "label_12k"));
        long wholeOutside = info(twentyTwoK).split("train").numSamples() - wholeTrain12k;
        long outside = train22k.size() - view.size();
        assertTrue(outside > 0 && outside <= Math.round(0.4 * wholeOutside), outside + " of " + wholeOutside);
        assertEquals(train12k.size(), bigInfo.split("train_12k").numSamples());
        assertEquals(keysAndLabels(OutputFiles.samples(small, smallInfo.split("validation").filenames()), "label"),
                keysAndLabels(OutputFiles.samples(big, bigInfo.split("validation").filenames()), "label_12k"));
    }

    private static List<String> keysAndLabels(List<OutputFiles.Sample> samples, String field) {
        return samples.stream().map(s -> s.key() + "=" + s.json().path(field).asInt()).toList();
    }

    @Test
    void theWinter21PresetIsTrainOnlyWithItsEdgeRulesUnlessValidationIsAskedAndPillowReadsItsWebp() throws IOException {
        Path w21 = dir.resolve("w21");
        assertEquals(0, run("--preset", "imagenet-w21", "--image-format", "webp", "--output", w21.toString(),
                "--train-shards", "3"));
        DatasetInfo info = info(w21);
        assertEquals(List.of("train"), info.splits().stream().map(DatasetInfo.SplitInfo::name).toList());
        Map<String, Object> build = info.recipe().recorded();
        assertEquals("all", build.get("classes"));
        assertEquals(32, build.get("min_edge"));
        assertEquals(768, build.get("max_short_edge"));
        assertEquals(0, build.get("val_shards"));
        assertEquals("none", build.get("validation"));
        assertEquals("webp", build.get("image_format"));
        try (var files = Files.list(w21)) {
            assertTrue(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tar"))
                    .allMatch(n -> n.startsWith("imagenet-w21-train-")));
        }
        for (OutputFiles.Sample s : OutputFiles.samples(w21, info.split("train").filenames())) {
            assertEquals("webp", s.imageExtension(), s.key());
            int shorter = Math.min(s.json().path("width").asInt(), s.json().path("height").asInt());
            assertTrue(shorter >= 32 && shorter <= 768, s.key() + " " + s.json());
        }
        BuildStats stats = BuildStats.parse(Files.readAllBytes(w21.resolve("_meta/stats.json")));
        assertEquals(info.split("train").numSamples(), stats.written());
        assertTrue(stats.identityHolds());
        String card = Files.readString(w21.resolve("README.md"));
        assertTrue(card.contains("no validation split") && card.contains("![train samples with their class]"), card);
        for (String shard : info.split("train").filenames()) {
            OutputFiles.pillowDecodes(dir, w21.resolve(shard)); // timm decodes through Pillow
        }

        Path held = dir.resolve("w21-val");
        assertEquals(0, run("--preset", "imagenet-w21", "--output", held.toString(), "--train-shards", "3",
                "--val-per-class", "2", "--val-shards", "2"));
        Map<Integer, Integer> perLabel = OutputFiles.samplesPerLabel(held, info(held).split("validation").filenames());
        assertEquals(Files.readAllLines(held.resolve("classes.txt")).size(), perLabel.size());
        perLabel.values().forEach(n -> assertEquals(2, n));
    }

    @Test
    void aGzippedOuterTarFailsWithTheCommandThatDecompressesIt() throws IOException {
        Path gz = Files.createDirectories(dir.resolve("w21-gz")).resolve("winter21_whole.tar.gz");
        Files.write(gz, new byte[] {0x1f, (byte) 0x8b, 8, 0});
        PrintStream err = System.err;
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        System.setErr(new PrintStream(said, true));
        try {
            assertEquals(1, ImagenetWds.execute("count", "--input", gz.getParent().toString(), "--output",
                    dir.resolve("w21-gz-out").toString(), "--preset", "imagenet-w21", "--master", "local[1]"));
        } finally {
            System.setErr(err);
        }
        assertTrue(said.toString().contains("is a gzip-compressed tar")
                && said.toString().contains("gzip -dc winter21_whole.tar.gz > winter21_whole.tar"), said.toString());
    }

    @Test
    void aClassesFileChoosesThe22kBuildsView() throws IOException {
        List<String> twelve = Files.readAllLines(twelveK.resolve("classes.txt"));
        Path list = Files.writeString(dir.resolve("view.txt"), twelve.get(3) + "\n" + twelve.get(1) + "\n");
        Path out = dir.resolve("22k-listed");
        assertEquals(0, run("--preset", "imagenet22k", "--output", out.toString(), "--classes-file", list.toString(),
                "--val-per-class", "2", "--train-shards", "2", "--val-shards", "1"));
        assertEquals(List.of(twelve.get(1), twelve.get(3)), Files.readAllLines(out.resolve("classes_12k.txt")));
        DatasetInfo info = info(out);
        assertEquals(Files.readAllLines(twentyTwoK.resolve("classes.txt")), Files.readAllLines(out.resolve("classes.txt")));
        assertEquals(4, info.split("validation_12k").numSamples());
        Map<String, Integer> perClass = new TreeMap<>();
        OutputFiles.samples(out, info.split("validation").filenames())
                .forEach(s -> perClass.merge(s.json().path("class_name").asText(), 1, Integer::sum));
        assertEquals(Map.of(twelve.get(1), 2, twelve.get(3), 2), perClass);
        @SuppressWarnings("unchecked")
        Map<String, Object> view = (Map<String, Object>) info.recipe().recorded().get("view");
        assertEquals("view", view.get("classes_file"));
    }
}
