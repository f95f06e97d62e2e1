package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;
import org.imagenetwds.sample.Ilsvrc2012ReleaseGenerator;
import org.imagenetwds.spark.io.ParquetTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} on a generated ILSVRC-2012 release built with {@code --preset imagenet1k} and
 * {@code --label-set real=} (300 validation images with the real devkit's labels; ReaL = the first 300
 * entries of the real {@code real_labels.json}), and on a 12k build's own labels. Every figure is
 * counted a second way here, from the devkit and the ReaL file, and compared exactly.
 */
class EvaluateIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = Ilsvrc2012Runs.VAL_IMAGES;

    @TempDir
    static Path dir;

    private static Ilsvrc2012ReleaseGenerator.Release release;
    private static Path dataset;
    private static Path real;
    private static int[] labels; // labels[i - 1]: ground truth of validation image i
    private static List<Set<Integer>> realSets;

    @BeforeAll
    static void buildTheDataset() throws IOException {
        assumeTrue(Files.isDirectory(Ilsvrc2012Runs.DATA), "skipping: " + Ilsvrc2012Runs.DATA.toAbsolutePath() + " not found");
        Ilsvrc2012Devkit devkit = Ilsvrc2012Runs.realDevkit();
        labels = new int[N];
        for (int i = 1; i <= N; i++) {
            labels[i - 1] = devkit.validationLabel(i);
        }
        JsonNode all = JSON.readTree(Ilsvrc2012Runs.DATA.resolve("real_labels.json").toFile());
        List<JsonNode> first = new ArrayList<>();
        realSets = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            first.add(all.get(i));
            Set<Integer> set = new TreeSet<>();
            all.get(i).forEach(v -> set.add(v.intValue()));
            realSets.add(set);
        }
        real = dir.resolve("real-300.json");
        JSON.writeValue(real.toFile(), first);
        release = Ilsvrc2012Runs.release();
        dataset = dir.resolve("imagenet1k-wds");
        // few shards: evaluation reads the manifest, not the shard layout
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(build(dataset, "--train-shards", "4", "--val-shards", "2",
                "--label-set", "real=" + real));
        assertEquals(0, run.status(), run.err());
    }

    private static List<String> build(Path output, String... extra) {
        return Ilsvrc2012Runs.args(release.train().toString(), release.validation().toString(), release.devkit().toString(),
                output.toString(), extra);
    }

    private static String file(int number) {
        return Ilsvrc2012Devkit.validationFileName(number);
    }

    /** top5[i - 1] = the prediction for image i; written as CSV with space-separated labels. */
    private static Path csv(String name, List<List<Integer>> top5) throws IOException {
        boolean single = top5.stream().allMatch(t -> t.size() == 1); // one label each: the label column
        StringBuilder s = new StringBuilder(single ? "filename,label\n" : "filename,top5\n");
        for (int i = 1; i <= top5.size(); i++) {
            s.append(file(i)).append(',').append(String.join(" ", top5.get(i - 1).stream().map(String::valueOf).toList()))
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), s);
    }

    /** The label first, then the next four labels (mod 1,000) as runners-up. */
    private static List<Integer> top5Starting(int label) {
        List<Integer> top = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            top.add((label + k) % Ilsvrc2012Devkit.CLASSES);
        }
        return top;
    }

    private static Ilsvrc2012Runs.Run evaluate(String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--dataset", dataset.toString(), "--master", "local[2]"));
        args.addAll(List.of(extra));
        return Ilsvrc2012Runs.run(args);
    }

    private static JsonNode summary(Path output) throws IOException {
        return JSON.readTree(output.resolve("evaluation.json").toFile());
    }

    private static void assertAccuracy(long correct, long total, JsonNode metric) {
        assertEquals(correct, metric.get("correct").asLong(), metric.toString());
        assertEquals(total, metric.get("total").asLong(), metric.toString());
        assertEquals((double) correct / total, metric.get("accuracy").asDouble(), 0.0, metric.toString());
    }

    @Test
    void theGroundTruthScoresOneAndReaLFromTheAttachedSetAsCountedFromTheFile() throws IOException {
        List<List<Integer>> top5 = new ArrayList<>();
        for (int label : labels) {
            top5.add(top5Starting(label));
        }
        Path predictions = csv("truth.csv", top5);
        Path output = dir.resolve("eval-truth");
        PrintStream stdout = System.out;
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        Ilsvrc2012Runs.Run run;
        System.setOut(new PrintStream(table, true, StandardCharsets.UTF_8));
        try {
            run = evaluate("--predictions", predictions.toString(), "--output", output.toString()); // ReaL: _meta/labels
        } finally {
            System.setOut(stdout);
        }
        assertEquals(0, run.status(), run.err());

        long realImages = realSets.stream().filter(s -> !s.isEmpty()).count();
        long realTop1 = 0;
        long realTop5 = 0;
        for (int i = 0; i < N; i++) {
            Set<Integer> set = realSets.get(i);
            if (!set.isEmpty()) {
                realTop1 += set.contains(labels[i]) ? 1 : 0;
                realTop5 += top5.get(i).stream().anyMatch(set::contains) ? 1 : 0;
            }
        }
        JsonNode s = summary(output);
        assertAccuracy(N, N, s.get("top1"));
        assertEquals(1.0, s.get("top1").get("accuracy").asDouble(), 0.0);
        assertAccuracy(N, N, s.get("top5"));
        assertAccuracy(realTop1, realImages, s.get("real_top1"));
        assertAccuracy(realTop5, realImages, s.get("real_top5"));
        assertEquals(1000, s.get("classes").asInt());
        assertEquals(0, s.get("most_confused").size());
        assertTrue(realTop1 < realImages, "every ReaL set holds the original label: ReaL would not differ from top-1 here");

        String printed = table.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains(String.format("%-12s %12s %12s %10s", "top-1", "300", "300", "100.000%")), printed);
        assertTrue(printed.contains("ReaL top-1"), printed);

        long[] perClassImages = new long[Ilsvrc2012Devkit.CLASSES];
        for (int label : labels) {
            perClassImages[label]++;
        }
        List<Long> images = new ArrayList<>();
        ParquetTables.forEachRow(new org.apache.hadoop.fs.Path(output.resolve("per_class").toString()), new Configuration(),
                row -> {
                    int label = row.getInteger("label", 0);
                    assertEquals(perClassImages[label], row.getLong("images", 0), "class " + label);
                    images.add(row.getLong("images", 0));
                });
        assertEquals(Ilsvrc2012Devkit.CLASSES, images.size());
        assertEquals(N, images.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aSeededPermutationScoresWhatItsMatchesCountInJsonLinesAndParquetByKey() throws IOException {
        List<Integer> shuffled = new ArrayList<>();
        for (int label : labels) {
            shuffled.add(label);
        }
        Collections.shuffle(shuffled, new Random(12));
        long top1 = 0;
        long realTop1 = 0;
        long realImages = 0;
        StringBuilder jsonl = new StringBuilder();
        for (int i = 1; i <= N; i++) {
            int predicted = shuffled.get(i - 1);
            top1 += predicted == labels[i - 1] ? 1 : 0;
            if (!realSets.get(i - 1).isEmpty()) {
                realImages++;
                realTop1 += realSets.get(i - 1).contains(predicted) ? 1 : 0;
            }
            jsonl.append("{\"filename\": \"").append(file(i)).append("\", \"label\": ").append(predicted).append("}\n");
        }
        Path output = dir.resolve("eval-permuted");
        Ilsvrc2012Runs.Run run = evaluate("--predictions", Files.writeString(dir.resolve("permuted.jsonl"), jsonl).toString(),
                "--real", real.toString(), "--output", output.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode s = summary(output);
        assertAccuracy(top1, N, s.get("top1"));
        assertAccuracy(realTop1, realImages, s.get("real_top1"));
        assertTrue(!s.has("top5") && !s.has("real_top5"), "top-5 reported for single-label predictions: " + s);
        assertTrue(top1 < N && s.get("most_confused").size() > 0, s.toString());

        // the same top-1 as Parquet keyed by sample key, with a top5 list (Spark's and pyarrow's LIST layout)
        Path parquet = dir.resolve("permuted.parquet");
        MessageType schema = MessageTypeParser.parseMessageType("message predictions { required binary key (UTF8); "
                + "required group top5 (LIST) { repeated group list { required int32 element; } } }");
        SimpleGroupFactory groups = new SimpleGroupFactory(schema);
        try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(new org.apache.hadoop.fs.Path(parquet.toUri()))
                .withType(schema).withConf(new Configuration()).build()) {
            for (int i = 1; i <= N; i++) {
                Group row = groups.newGroup().append("key", file(i).substring(0, file(i).indexOf('.')));
                Group list = row.addGroup("top5");
                for (int label : top5Starting(shuffled.get(i - 1))) {
                    list.addGroup("list").append("element", label);
                }
                writer.write(row);
            }
        }
        Path parquetOutput = dir.resolve("eval-parquet");
        run = evaluate("--predictions", parquet.toString(), "--real", real.toString(), "--output", parquetOutput.toString());
        assertEquals(0, run.status(), run.err());
        JsonNode p = summary(parquetOutput);
        assertEquals(s.get("top1"), p.get("top1"));
        assertEquals(s.get("real_top1"), p.get("real_top1"));
        assertTrue(p.has("top5") && p.has("real_top5"), p.toString());
    }

    @Test
    void predictionsThatMissRepeatOrNameUnknownSamplesFailWithCountsAndNames() throws IOException {
        StringBuilder s = new StringBuilder("filename,label\n");
        for (int i = 1; i < N; i++) { // image N is missing
            s.append(file(i)).append(',').append(labels[i - 1]).append('\n');
        }
        s.append(file(7)).append(",1\n").append("ILSVRC2012_val_00049999.JPEG,1\n");
        Ilsvrc2012Runs.Run run = evaluate("--predictions", Files.writeString(dir.resolve("bad.csv"), s).toString());
        assertEquals(1, run.status(), run.err());
        assertEquals("imagenet-wds: " + dir.resolve("bad.csv") + " does not fit the 300 samples evaluated (301 rows): "
                + "1 missing (ILSVRC2012_val_00000300.JPEG), 1 unknown (ILSVRC2012_val_00049999.JPEG), "
                + "1 repeated (ILSVRC2012_val_00000007.JPEG); samples are named like ILSVRC2012_val_00000001.JPEG",
                run.err().strip());

        Ilsvrc2012Runs.Run realMismatch = evaluate("--predictions", csvOfLabels().toString(),
                "--real", Ilsvrc2012Runs.DATA.resolve("real_labels.json").toString());
        assertEquals(1, realMismatch.status(), realMismatch.err());
        assertEquals("imagenet-wds: " + Ilsvrc2012Runs.DATA.resolve("real_labels.json")
                + " lists 50,000 validation images, the validation set has 300", realMismatch.err().strip());

        Path absent = dir.resolve("absent.csv");
        Ilsvrc2012Runs.Run missingFile = evaluate("--predictions", absent.toString());
        assertEquals(1, missingFile.status(), missingFile.err());
        assertEquals("imagenet-wds: missing " + absent, missingFile.err().strip());

        Ilsvrc2012Runs.Run usage = evaluate("--predictions", dir.resolve("predictions.txt").toString());
        assertEquals(2, usage.status(), usage.err());
        assertEquals("imagenet-wds evaluate: --predictions " + dir.resolve("predictions.txt")
                + ": the name must end with .csv, .jsonl (or .json, .ndjson) or .parquet; see imagenet-wds evaluate --help",
                usage.err().strip()); // one line, naming the command
    }

    private static Path csvOfLabels() throws IOException {
        List<List<Integer>> top1 = new ArrayList<>();
        for (int label : labels) {
            top1.add(List.of(label));
        }
        return csv("labels.csv", top1);
    }

    @Test
    void aTwelveKBuildIsScoredOnItsOwnLabelsByKey() throws IOException {
        Path out = dir.resolve("out-12k");
        Ilsvrc2012Runs.Run build = Ilsvrc2012Runs.run(PipelineRuns.runArgs(PipelineRuns.standardInput().toString(),
                out.toString(), PipelineRuns.OPTIONS, List.of()));
        assertEquals(0, build.status(), build.err());
        List<Ilsvrc2012Runs.Sample> validation = Ilsvrc2012Runs.samples(out, "validation");
        StringBuilder s = new StringBuilder("key,label\n");
        // every sample right except the first, predicted as the next class
        for (int i = 0; i < validation.size(); i++) {
            Ilsvrc2012Runs.Sample v = validation.get(i);
            s.append(v.key()).append(',').append(i == 0 ? (v.cls() + 1) % 8 : v.cls()).append('\n');
        }
        Path output = dir.resolve("eval-12k");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(List.of("evaluate", "--dataset", out.toString(), "--predictions",
                Files.writeString(dir.resolve("12k.csv"), s).toString(), "--output", output.toString(), "--master", "local[2]"));
        assertEquals(0, run.status(), run.err());
        JsonNode summary = summary(output);
        assertEquals(24, validation.size());
        assertAccuracy(23, 24, summary.get("top1"));
        assertEquals(8, summary.get("classes").asInt());
        assertTrue(!summary.has("real_top1"), summary.toString());
        assertEquals(validation.get(0).cls(), summary.get("most_confused").get(0).get("label").asInt());
    }

    @Test
    void validationSamplesCarryTheirReaLSetAndMetaLabelsListsThem() throws IOException {
        for (Ilsvrc2012Runs.Sample v : Ilsvrc2012Runs.samples(dataset, "validation")) {
            int number = Integer.parseInt(v.key().substring(v.key().lastIndexOf('_') + 1));
            List<Integer> set = new ArrayList<>();
            v.json().get("real_labels").forEach(n -> set.add(n.intValue()));
            assertEquals(List.copyOf(realSets.get(number - 1)), set, v.key());
            assertTrue(!v.json().has("correct_multi_labels"), v.json().toString());
        }
        Ilsvrc2012Runs.Sample train = Ilsvrc2012Runs.samples(dataset, "train").get(0);
        assertTrue(!train.json().has("real_labels"), train.json().toString());
        JsonNode info = JSON.readTree(dataset.resolve("_info.json").toFile());
        assertEquals("[\"real\"]", info.get("build").get("label_sets").toString());
        List<String> files = new ArrayList<>();
        ParquetTables.forEachRow(new org.apache.hadoop.fs.Path(dataset.resolve("_meta/labels").toString()), new Configuration(),
                row -> {
                    files.add(row.getString("filename", 0));
                    assertEquals(labels[files.size() - 1], row.getInteger("label", 0), row.toString());
                });
        assertEquals(N, files.size());
        assertEquals(file(1), files.get(0));
        long covered = realSets.stream().filter(set -> !set.isEmpty()).count();
        String card = Files.readString(dataset.resolve("README.md"));
        assertTrue(card.contains(covered + " of the " + N + " validation images have at least one, " + (N - covered)
                + " an empty set"), card);
    }

    @Test
    void aLabelSetThatDoesNotFitStopsTheBuildBeforeAnyImageIsRead() throws IOException {
        Path whole = Ilsvrc2012Runs.DATA.resolve("real_labels.json");
        Path out = dir.resolve("out-bad-real");
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(build(out, "--label-set", "real=" + whole));
        assertEquals(1, run.status(), run.err());
        assertEquals("imagenet-wds: " + whole + " lists 50,000 validation images, the validation set has 300", run.err().strip());
        assertTrue(!Files.exists(out.resolve("_work/inventory")), "images were inventoried");

        Path multi = Files.writeString(dir.resolve("multi.json"), "{\"initial_annots\": {\"" + file(1)
                + "\": {\"correct\": [\"n99999999\"]}}, \"problematic_images\": {}, \"imagenet_m\": []}");
        run = Ilsvrc2012Runs.run(build(dir.resolve("out-bad-multi"), "--label-set", "multilabel=" + multi));
        assertEquals(1, run.status(), run.err());
        assertEquals("imagenet-wds: " + multi + ": initial_annots[" + file(1) + "].correct names WNID n99999999, "
                + "which is not one of the 1,000 classes", run.err().strip());
    }

    @Test
    void multiLabelAnnotationsReachTheJsonMetaLabelsAndEvaluate() throws IOException {
        List<String> wnids = Ilsvrc2012Runs.realDevkit().classes();
        // images 1..3: 1 fully reviewed and in ImageNet-M, 2 with only a correct list, 3 problematic; an ImageNetV2 entry is ignored
        String json = "{\"initial_annots\": {"
                + "\"" + file(1) + "\": {\"wrong\": [\"" + wnids.get(5) + "\"], \"correct\": [\"" + wnids.get(labels[0])
                + "\"], \"unclear\": [\"" + wnids.get(7) + "\"]}, "
                + "\"" + file(2) + "\": {\"correct\": [\"" + wnids.get(labels[1]) + "\"]}, "
                + "\"imagenetv2-matched-frequency-format-val/0/7d7f3e5c.jpeg\": {\"correct\": [\"" + wnids.get(0) + "\"]}, "
                + "\"" + file(3) + "\": {\"correct\": [\"" + wnids.get(labels[2]) + "\"]}}, "
                + "\"problematic_images\": {\"" + file(3) + "\": {\"reason\": \"fixture\"}}, "
                + "\"imagenet_m\": [\"" + file(1) + "\"]}";
        Path multi = Files.writeString(dir.resolve("human_accuracy.json"), json);
        Path out = dir.resolve("out-multi");
        Ilsvrc2012Runs.Run build = Ilsvrc2012Runs.run(build(out, "--train-shards", "1", "--val-shards", "1",
                "--label-set", "multilabel=" + multi));
        assertEquals(0, build.status(), build.err());

        List<Ilsvrc2012Runs.Sample> validation = Ilsvrc2012Runs.samples(out, "validation");
        assertEquals("[" + labels[0] + "]", validation.get(0).json().get("correct_multi_labels").toString());
        assertEquals("[7]", validation.get(0).json().get("unclear_multi_labels").toString());
        assertEquals("[5]", validation.get(0).json().get("wrong_multi_labels").toString());
        assertEquals(true, validation.get(0).json().get("imagenet_m").asBoolean());
        assertEquals("[]", validation.get(1).json().get("unclear_multi_labels").toString());
        assertEquals(true, validation.get(2).json().get("is_problematic").asBoolean());
        assertTrue(validation.subList(3, N).stream().noneMatch(v -> v.json().has("correct_multi_labels")
                || v.json().has("real_labels")));
        List<String> files = new ArrayList<>();
        ParquetTables.forEachRow(new org.apache.hadoop.fs.Path(out.resolve("_meta/labels").toString()), new Configuration(),
                row -> files.add(row.getString("filename", 0)));
        assertEquals(List.of(file(1), file(2), file(3)), files.stream().sorted().toList());
        String card = Files.readString(out.resolve("README.md"));
        assertTrue(card.contains("3 validation images annotated, 1 of them problematic, 1 in ImageNet-M"), card);
        assertTrue(!card.contains("ReaL labels"), card);

        // read back from _meta/labels: two classes have an annotated, non-problematic image, so the TFDS mean is undefined
        StringBuilder truth = new StringBuilder("filename,label\n");
        for (int i = 1; i <= N; i++) {
            truth.append(file(i)).append(',').append(labels[i - 1]).append('\n');
        }
        Ilsvrc2012Runs.Run run = Ilsvrc2012Runs.run(List.of("evaluate", "--dataset", out.toString(), "--predictions",
                Files.writeString(dir.resolve("truth-multi.csv"), truth).toString(), "--master", "local[2]"));
        assertEquals(1, run.status(), run.err());
        assertTrue(run.err().startsWith("imagenet-wds: multi-label accuracy is a mean over all 1,000 classes, but 998 have "
                + "no annotated, non-problematic image"), run.err());
    }
}
