package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.duplicates.DuplicateKind;
import org.imagenetwds.sample.AlteredCopies;
import org.imagenetwds.sample.SyntheticImages;
import org.imagenetwds.spark.io.ParquetTables;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build's duplicate pairs on real ImageNet JPEGs ({@code ../shared/data/imagenet-samples}) with planted
 * copies: exact ones (the same file in its own class and in another, one with Exif added) and altered
 * ones in other classes (resized 0.55–0.9, re-encoded at quality 55–92, brightness ±6 %); and evaluation sets
 * (a tar, a folder of class folders) of altered copies of other input photographs and of photographs not in the
 * input, for {@code --decontaminate}. Skipped without {@code ../shared}.
 */
class DuplicatesIT {

    private static final Path SAMPLES = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data",
            "imagenet-samples");
    private static final int CLASSES = 8;
    private static final int PER_CLASS = 6;
    private static final int ALTERED = 20;

    @TempDir
    static Path dir;

    /** The input with its planted copies; each planted pair as "key_a key_b". */
    private static Path input;
    private static final Set<String> exact = new HashSet<>();
    private static final Set<String> near = new HashSet<>();

    @BeforeAll
    static void plantCopies() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "skipping: " + SAMPLES.toAbsolutePath() + " not found (../shared absent)");
        List<Path> photos;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            photos = s.filter(p -> p.toString().endsWith(".JPEG")).sorted().limit(CLASSES * PER_CLASS).toList();
        }
        List<String> synsets = photos.stream().limit(CLASSES).map(p -> p.getFileName().toString().substring(0, 9)).toList();
        input = dir.resolve("input");
        for (int i = 0; i < photos.size(); i++) { // distinct photographs, PER_CLASS to a class folder
            put(input, synsets.get(i % CLASSES), "real" + i, Files.readAllBytes(photos.get(i)));
        }
        exact.add(pair(plant(input, synsets, 0, 0, "same", Files.readAllBytes(photos.get(0))), "real0", synsets.get(0)));
        exact.add(pair(plant(input, synsets, 1, 3, "other", Files.readAllBytes(photos.get(1))), "real1", synsets.get(1)));
        exact.add(pair(plant(input, synsets, 2, 5, "exif", SyntheticImages.withExif(Files.readAllBytes(photos.get(2)))),
                "real2", synsets.get(2)));
        for (int k = 0; k < ALTERED; k++) {
            int source = 3 + k;
            double scale = 0.55 + 0.35 * k / (ALTERED - 1);
            int quality = 55 + (37 * ((k * 7) % ALTERED)) / (ALTERED - 1);
            double brightness = (k % 2 == 0 ? 1 : -1) * 0.06 * ((k * 3) % ALTERED) / (ALTERED - 1);
            byte[] altered = AlteredCopies.altered(Files.readAllBytes(photos.get(source)), scale, brightness, quality);
            near.add(pair(plant(input, synsets, source, 1 + k % (CLASSES - 1), "altered", altered), "real" + source,
                    synsets.get(source % CLASSES)));
        }
    }

    /**
     * Evaluation sets against the planted input: a tar and an ImageNet-V2-like folder ({@code class/name.jpeg}),
     * each of altered copies of some of the input's photographs and of photographs the input does not hold.
     */
    private static Path evaluationTar;
    private static Path evaluationFolder;
    /** Per input sample the evaluation image it must be dropped for, as "set!name". */
    private static final Map<String, String> contaminated = new TreeMap<>();

    /** Photographs of the input (none planted with an altered copy) whose altered copies are evaluation images. */
    private static final int[] IN_TAR = {0, 30, 31, 32};
    private static final int[] IN_FOLDER = {40, 41};
    /** Photographs not in the input, from this index of the sorted samples on. */
    private static final int UNRELATED = 100;

    @BeforeAll
    static void makeEvaluationSets() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "skipping: " + SAMPLES.toAbsolutePath() + " not found (../shared absent)");
        List<Path> photos;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            photos = s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList();
        }
        List<String> synsets = photos.stream().limit(CLASSES).map(p -> p.getFileName().toString().substring(0, 9)).toList();
        List<org.imagenetwds.sample.ReleaseMember> tar = new ArrayList<>();
        for (int k = 0; k < IN_TAR.length; k++) {
            int i = IN_TAR[k];
            String name = "ILSVRC2012_val_0000000" + (k + 1) + ".JPEG";
            tar.add(org.imagenetwds.sample.ReleaseMember.file(name, alteredCopy(photos.get(i), k)));
            contaminated.put(synsets.get(i % CLASSES) + "_real" + i, "eval.tar!" + name);
        }
        contaminated.put(synsets.get(0) + "_same0", "eval.tar!ILSVRC2012_val_00000001.JPEG"); // real0's exact copy
        for (int k = 0; k < 3; k++) {
            tar.add(org.imagenetwds.sample.ReleaseMember.file("ILSVRC2012_val_0000010" + k + ".JPEG",
                    Files.readAllBytes(photos.get(UNRELATED + k))));
        }
        evaluationTar = dir.resolve("eval.tar");
        Files.write(evaluationTar, org.imagenetwds.sample.ReleaseTar.bytes(tar));
        evaluationFolder = dir.resolve("imagenetv2");
        for (int k = 0; k < IN_FOLDER.length; k++) {
            int i = IN_FOLDER[k];
            Path file = evaluationFolder.resolve(Integer.toString(k)).resolve("copy" + i + ".jpeg");
            Files.createDirectories(file.getParent());
            Files.write(file, alteredCopy(photos.get(i), IN_TAR.length + k));
            contaminated.put(synsets.get(i % CLASSES) + "_real" + i, "imagenetv2!" + k + "/copy" + i + ".jpeg");
            Path unrelated = evaluationFolder.resolve(Integer.toString(k)).resolve("other" + k + ".jpeg");
            Files.write(unrelated, Files.readAllBytes(photos.get(UNRELATED + 10 + k)));
        }
    }

    /** The {@code k}-th altered copy: resized 0.55–0.9, quality 55–92, brightness ±6 %, spread over the copies. */
    private static byte[] alteredCopy(Path photo, int k) throws IOException {
        int copies = IN_TAR.length + IN_FOLDER.length;
        return AlteredCopies.altered(Files.readAllBytes(photo), 0.55 + 0.35 * k / (copies - 1),
                (k % 2 == 0 ? 1 : -1) * 0.06 * ((k * 3) % copies) / (copies - 1), 92 - (37 * k) / (copies - 1));
    }

    /** A build of the planted input into {@code output}, with {@code more} options; asserts it passed verify. */
    private static void build(Path output, String... more) {
        execute("run", output, more);
    }

    /** {@code command} (run or a stage) on the planted input with the builds' options and {@code more}; asserts exit 0. */
    private static void execute(String command, Path output, String... more) {
        List<String> args = new ArrayList<>(List.of(command, "--input", input.toString(), "--output", output.toString(),
                "--master", "local[2]", "--classes", Integer.toString(CLASSES), "--val-per-class", "1",
                "--train-shards", "2", "--val-shards", "1", "--min-edge", "1"));
        args.addAll(List.of(more));
        assertEquals(0, ImagenetWds.execute(args.toArray(String[]::new)));
    }

    @Test
    void everyPlantedExactPairAndTheAlteredCopiesAreListedAndNothingElse() throws IOException {
        Path output = dir.resolve("out");
        build(output);

        Set<String> exactFound = new HashSet<>();
        Set<String> nearFound = new HashSet<>();
        forEachRow(output, "duplicates.parquet", row -> (row.getString("kind", 0).equals("exact") ? exactFound : nearFound)
                .add(row.getString("key_a", 0) + " " + row.getString("key_b", 0)));
        assertEquals(exact, exactFound, "every exact copy (Exif added or not), and nothing else, is an exact pair");
        Set<String> alteredFound = new HashSet<>(nearFound);
        alteredFound.retainAll(near);
        assertTrue(alteredFound.size() >= 0.95 * ALTERED, alteredFound.size() + " of " + ALTERED + " altered copies found");
        Set<String> others = new HashSet<>(nearFound);
        others.removeAll(near);
        assertEquals(Set.of(), others, "near pairs among the distinct photographs");
        BuildStats stats = BuildStats.parse(Files.readAllBytes(output.resolve("_meta/stats.json")));
        assertEquals(exact.size(), stats.duplicates().exactPairs());
        assertEquals(nearFound.size(), stats.duplicates().nearPairs());
        assertTrue(Files.isRegularFile(output.resolve("card/duplicate-pairs.png")));
    }

    @Test
    void dedupNearWritesNoTwoCopiesKeepsValidationWholeAndAccountsForEveryDrop() throws IOException {
        Path output = dir.resolve("dedup");
        build(output, "--dedup", "near");

        long pairs = ParquetTables.rowCount(new org.apache.hadoop.fs.Path(output.resolve("_meta/duplicates.parquet").toUri()),
                new Configuration());
        assertEquals(0, pairs, "duplicate pairs among the written samples of a --dedup near build");
        Map<String, String> splitOf = new HashMap<>();
        forEachRow(output, "manifest", row -> splitOf.put(row.getString("key", 0), row.getString("split", 0)));
        for (String pair : exact) {
            assertEquals(1, Stream.of(pair.split(" ")).filter(splitOf::containsKey).count(), "exact pair " + pair + " written once");
        }
        long alteredOnce = near.stream().filter(p -> Stream.of(p.split(" ")).filter(splitOf::containsKey).count() == 1).count();
        assertTrue(alteredOnce >= 0.95 * ALTERED, alteredOnce + " of " + ALTERED + " altered pairs written once");

        Map<String, Long> dropped = new TreeMap<>();
        forEachRow(output, "rejected", row -> {
            if (row.getString("stage", 0).equals("dedup")) {
                String reason = row.getString("reason", 0);
                dropped.merge(reason, 1L, Long::sum);
                String kept = row.getString("detail", 0).substring("a copy of ".length());
                assertEquals(reason.equals("duplicate_of_validation") ? "validation" : "train", splitOf.get(kept),
                        row.getString("member", 0) + " dropped as " + reason + " for " + kept);
            }
        });
        assertEquals(Set.of("duplicate", "duplicate_of_validation"), dropped.keySet(), "reasons of the dropped copies");
        BuildStats stats = BuildStats.parse(Files.readAllBytes(output.resolve("_meta/stats.json")));
        assertTrue(stats.identityHolds(), "input = written + rejected + unselected");
        assertEquals(CLASSES, stats.writtenBySplit().get("validation"), "validation still holds one sample per class");
        dropped.forEach((reason, n) -> assertEquals(n, stats.rejectedByReason().get(reason), reason));
        assertEquals(CLASSES * PER_CLASS + exact.size() + near.size() - dropped.values().stream().mapToLong(Long::longValue).sum(),
                stats.written(), "every sample but the dropped copies is written");
        assertEquals(DuplicateKind.NEAR, DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json"))).recipe().dedup(),
                "_info.json's build options");
        assertTrue(Files.readString(output.resolve("README.md")).contains("Built with `--dedup near`"), "the card");

        List<String> plan = planRows(output);
        execute("dedup", output, "--dedup", "near");
        execute("split", output, "--dedup", "near");
        assertEquals(plan, planRows(output), "dedup and split run again plan every sample where they did");
    }

    /** With {@code --dedup near} too: decontamination comes first, so real0 and its exact copy are both near_evaluation_image. */
    @Test
    void decontaminationDropsTheEvaluationImagesSourcesAndTheirCopiesAndNothingElse() throws IOException {
        Path output = dir.resolve("decontaminated");
        String sets = evaluationTar.toUri() + "," + evaluationFolder.toUri();
        build(output, "--dedup", "near", "--decontaminate", sets);

        Map<String, String> nearest = new TreeMap<>();
        forEachRow(output, "decontaminated.parquet", row -> {
            nearest.put(row.getString("key", 0), row.getString("eval_set", 0) + "!" + row.getString("eval_name", 0));
            assertTrue(row.getInteger("distance", 0) <= org.imagenetwds.image.ImageFingerprint.NEAR_DISTANCE);
        });
        assertEquals(contaminated, nearest, "each source of an altered copy (and its exact copy) with its evaluation image");
        Map<String, String> splitOf = new HashMap<>();
        forEachRow(output, "manifest", row -> splitOf.put(row.getString("key", 0), row.getString("split", 0)));
        Set<String> decontaminated = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        forEachRow(output, "rejected", row -> {
            String key = org.imagenetwds.dataset.SampleKeys.stemOf(row.getString("member", 0));
            if (row.getString("reason", 0).equals("near_evaluation_image")) {
                assertEquals("dedup", row.getString("stage", 0));
                assertTrue(row.getString("detail", 0).startsWith("near " + contaminated.get(key) + " (distance "),
                        row.getString("detail", 0));
                decontaminated.add(key);
            } else if (row.getString("reason", 0).startsWith("duplicate")) {
                String kept = row.getString("detail", 0).substring("a copy of ".length());
                assertTrue(splitOf.containsKey(kept), key + " dropped for " + kept + ", which is not written");
                duplicates.add(key);
            }
        });
        assertEquals(contaminated.keySet(), decontaminated, "the rejected rows of near_evaluation_image");
        contaminated.keySet().forEach(key -> assertTrue(!splitOf.containsKey(key), key + " written"));

        BuildStats stats = BuildStats.parse(Files.readAllBytes(output.resolve("_meta/stats.json")));
        assertTrue(stats.identityHolds(), "input = written + rejected + unselected");
        assertEquals(CLASSES, stats.writtenBySplit().get("validation"), "validation still holds one sample per class");
        assertEquals(CLASSES * PER_CLASS + exact.size() + near.size() - contaminated.size() - duplicates.size(),
                stats.written(), "every sample but the contaminated ones and the duplicates is written");
        assertEquals(Map.of("eval.tar", 7L, "imagenetv2", 4L), stats.decontamination().imagesBySet(), "evaluation images read");
        assertEquals(Map.of("eval.tar", 5L, "imagenetv2", 2L), stats.decontamination().droppedBySet(), "dropped per set");
        assertEquals(List.of("eval.tar", "imagenetv2"), DatasetInfo.parse(Files.readAllBytes(output.resolve("_info.json")))
                .recipe().decontaminate().stream().map(org.imagenetwds.duplicates.EvaluationSet::name).toList(),
                "_info.json's build options");
        assertTrue(Files.readString(output.resolve("README.md")).contains("--decontaminate"), "the card");

        execute("dedup", output, "--dedup", "near", "--decontaminate", evaluationFolder.toString());
        long folderOnly = ParquetTables.rowCount(new org.apache.hadoop.fs.Path(output.resolve("_work/decontaminated").toUri()),
                new Configuration());
        assertEquals(2, folderOnly, "dedup runs again when the evaluation sets change");
    }

    /** The plan's rows (key, split, shard, position), sorted: what write builds the shards from. */
    private static List<String> planRows(Path output) throws IOException {
        List<String> rows = new ArrayList<>();
        ParquetTables.forEachRow(new org.apache.hadoop.fs.Path(output.resolve("_work/plan").toUri()), new Configuration(),
                row -> rows.add(row.getString("key", 0) + " " + row.getString("split", 0) + " "
                        + row.getInteger("shard", 0) + " " + row.getInteger("position", 0)));
        rows.sort(null);
        return rows;
    }

    private static void forEachRow(Path output, String table, java.util.function.Consumer<org.apache.parquet.example.data.Group> action)
            throws IOException {
        ParquetTables.forEachRow(new org.apache.hadoop.fs.Path(output.resolve("_meta").resolve(table).toUri()),
                new Configuration(), action);
    }

    /** A copy of photograph {@code source} in the class {@code shift} folders on from its own; its key. */
    private static String plant(Path input, List<String> synsets, int source, int shift, String kind, byte[] jpeg)
            throws IOException {
        String synset = synsets.get((source + shift) % CLASSES);
        return put(input, synset, kind + source, jpeg);
    }

    private static String put(Path input, String synset, String name, byte[] jpeg) throws IOException {
        String key = synset + "_" + name;
        Files.createDirectories(input.resolve(synset));
        Files.write(input.resolve(synset).resolve(key + ".JPEG"), jpeg);
        return key;
    }

    /** The pair of a copy and its source's key, as the table spells it (the smaller key first). */
    private static String pair(String copy, String sourceName, String sourceSynset) {
        String source = sourceSynset + "_" + sourceName;
        return copy.compareTo(source) < 0 ? copy + " " + source : source + " " + copy;
    }
}
