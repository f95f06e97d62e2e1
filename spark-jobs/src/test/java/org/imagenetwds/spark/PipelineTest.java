package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;
import org.imagenetwds.testing.TestImages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline in Spark local mode on a generated input, through the CLI as users call it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineTest {

    private static final int CLASSES = 10;
    private static final int VAL = 3;

    @TempDir
    static Path dir;

    private static Path tars;
    private static Path reference;

    @BeforeAll
    static void generateInputs() throws IOException {
        for (InputLayout layout : InputLayout.values()) {
            new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(14, 30, 11, layout)).generate(dir.resolve(layout.code()));
        }
        tars = dir.resolve("synset-tars");
        reference = dir.resolve("out-reference");
    }

    private static int run(String command, Path input, Path output, String master, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "--input", input.toString(), "--output", output.toString(),
                "--classes", "" + CLASSES, "--val-per-class", "" + VAL, "--train-shards", "4", "--val-shards", "2",
                "--max-reject-fraction", "0.1", "--master", master));
        args.addAll(List.of(extra));
        return ImagenetWds.execute(args.toArray(String[]::new));
    }

    /** Usable members per synset, decided here independently of the pipeline from the generator's naming. */
    private static Map<String, Integer> usableCounts() throws IOException {
        Map<String, Integer> counts = new TreeMap<>();
        try (Stream<Path> s = Files.list(tars)) {
            for (Path tar : s.sorted().toList()) {
                String synset = tar.getFileName().toString().replace(".tar", "");
                List<String> names = OutputFiles.members(tar);
                int n = (int) names.stream().filter(name -> !name.endsWith("_tiny.JPEG") && !name.endsWith("_noise.JPEG")
                        && !name.endsWith("_truncated.JPEG") && !name.endsWith("_bomb.JPEG") && !name.endsWith("_link.JPEG")
                        && !name.startsWith("/") && !name.startsWith("..")).distinct().count();
                counts.put(synset, n);
            }
        }
        return counts;
    }

    @Test
    @Order(1)
    void runWritesVerifiedShardsAndAccountsForEveryMember() throws IOException {
        assertEquals(0, run("run", tars, reference, "local[2]"));

        Map<String, Integer> usable = usableCounts();
        List<String> expectedClasses = usable.keySet().stream()
                .sorted(Comparator.<String>comparingInt(usable::get).reversed().thenComparing(Comparator.naturalOrder()))
                .limit(CLASSES).sorted().toList();
        List<String> classes = Files.readAllLines(reference.resolve("classes.txt"));
        assertEquals(expectedClasses, classes);

        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(reference.resolve("_info.json")));
        assertEquals(List.of("imagenet12k-train-0000.tar", "imagenet12k-train-0001.tar", "imagenet12k-train-0002.tar",
                "imagenet12k-train-0003.tar"), info.split("train").filenames());
        assertEquals(2, info.split("validation").filenames().size());
        assertEquals((long) CLASSES * VAL, info.split("validation").numSamples());

        for (String shard : info.split("validation").filenames()) {
            List<String> members = OutputFiles.members(reference.resolve(shard));
            for (int i = 0; i < members.size(); i += 3) {
                String key = members.get(i).replace(".cls", "");
                assertEquals(List.of(key + ".cls", key + ".jpg", key + ".json"), members.subList(i, i + 3));
            }
        }
        Map<Integer, Integer> valPerLabel = OutputFiles.samplesPerLabel(reference, info.split("validation").filenames());
        assertEquals(CLASSES, valPerLabel.size());
        valPerLabel.values().forEach(n -> assertEquals(VAL, n));

        BuildStats stats = BuildStats.parse(Files.readAllBytes(reference.resolve("_meta/stats.json")));
        int members = 1; // the generator damages the largest synset's tar after its members: one row for that
        for (Path p : Files.list(tars).toList()) {
            members += OutputFiles.members(p).size();
        }
        assertEquals(members, stats.inputMembers());
        assertTrue(stats.identityHolds());
        assertEquals(Map.of("not_an_image", 2L, "too_small", 2L, "truncated", 2L, "too_many_pixels", 2L,
                "not_a_regular_file", 1L, "unsafe_name", 2L, "duplicate_key", 1L, "damaged_source", 1L),
                stats.rejectedByReason());
        long selectedUsable = expectedClasses.stream().mapToLong(usable::get).sum();
        assertEquals(selectedUsable, stats.written());
        assertEquals(usable.values().stream().mapToLong(Integer::longValue).sum() - selectedUsable, stats.unselected());
        assertTrue(Files.isDirectory(reference.resolve("_meta/manifest")));
        assertTrue(Files.isDirectory(reference.resolve("_meta/rejected")));
        assertTrue(Files.exists(reference.resolve("_meta/frequency.json")));
        assertTrue(Files.readString(reference.resolve("README.md")).contains("| validation | " + CLASSES * VAL + " | 2 |"));
        try (Stream<Path> s = Files.list(reference)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".crc") || p.getFileName().toString().startsWith("._tmp")));
        }
    }

    @Test
    @Order(2)
    void outputIsByteIdenticalWhateverTheLayoutParallelismAndSerializer() throws IOException {
        Path fromOuterTar = dir.resolve("out-fall11");
        assertEquals(0, run("run", dir.resolve("fall11-tar").resolve("fall11_whole.tar"), fromOuterTar, "local[1]"));
        OutputFiles.assertSameBytes(reference, fromOuterTar);
        Path fromFolders = dir.resolve("out-folders");
        // with Kryo, as many clusters configure it: the records that travel between tasks must still work
        assertEquals(0, run("run", dir.resolve("folders"), fromFolders, "local[2]",
                "--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer"));
        OutputFiles.assertSameBytes(reference, fromFolders);

        // the manifest holds the same rows too, but for where the bytes were read from
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false")
                .getOrCreate()) {
            List<Row> expected = manifest(spark, reference);
            long written = DatasetInfo.parse(Files.readAllBytes(reference.resolve("_info.json"))).splits().stream()
                    .mapToLong(DatasetInfo.SplitInfo::numSamples).sum();
            assertEquals(written, expected.size());
            assertEquals(expected, manifest(spark, fromOuterTar));
            assertEquals(expected, manifest(spark, fromFolders));
        }
    }

    private static List<Row> manifest(SparkSession spark, Path output) {
        return spark.read().parquet(output.resolve("_meta/manifest").toString()).drop("source")
                .orderBy("split", "shard", "position").collectAsList();
    }

    @Test
    @Order(3)
    void stagesRunOneByOneGiveTheSameOutput() throws IOException {
        Path out = dir.resolve("out-stages");
        for (String stage : List.of("count", "select", "split", "write", "verify")) {
            assertEquals(0, run(stage, tars, out, "local[2]"), stage);
        }
        OutputFiles.assertSameBytes(reference, out);
        assertEquals(Files.readString(reference.resolve("README.md")), Files.readString(out.resolve("README.md")));
        assertEquals(Files.readString(reference.resolve("_meta/stats.json")), Files.readString(out.resolve("_meta/stats.json")));
    }

    @Test
    @Order(4)
    void aRerunSkipsFinishedWorkAndRepairsADamagedShard() throws IOException {
        Path out = dir.resolve("out-rerun");
        assertEquals(0, run("run", tars, out, "local[2]"));
        Path shard = out.resolve("imagenet12k-train-0001.tar");
        FileTime written = Files.getLastModifiedTime(shard);
        assertEquals(0, run("run", tars, out, "local[2]"));
        assertEquals(written, Files.getLastModifiedTime(shard), "an up-to-date shard was rewritten");

        // damage one shard and forget that write finished: only that shard is written again
        Files.write(shard, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        Files.delete(out.resolve("_work/_write.done.json"));
        FileTime other = Files.getLastModifiedTime(out.resolve("imagenet12k-train-0002.tar"));
        assertEquals(0, run("run", tars, out, "local[2]"));
        OutputFiles.assertSameBytes(reference, out);
        assertEquals(other, Files.getLastModifiedTime(out.resolve("imagenet12k-train-0002.tar")));

        // a different seed is a different dataset: split and write run again
        assertEquals(0, run("run", tars, out, "local[2]", "--seed", "7"));
        assertNotEquals(Files.readString(reference.resolve("_info.json")), Files.readString(out.resolve("_info.json")));
    }

    @Test
    @Order(5)
    void verifyFailsOnAMissingShardAndOnKeysWrittenTwice() throws IOException {
        Path out = dir.resolve("out-verify");
        assertEquals(0, run("run", tars, out, "local[2]"));
        Path report = out.resolve("_work/verify-report.txt");
        Files.delete(out.resolve("imagenet12k-validation-0001.tar"));
        assertEquals(1, run("verify", tars, out, "local[2]"));
        assertTrue(Files.readString(report).contains("FAIL  shard imagenet12k-validation-0001.tar listed in _info.json is missing"));

        // the first validation shard copied over the second: each of its keys is in the output twice
        Files.copy(out.resolve("imagenet12k-validation-0000.tar"), out.resolve("imagenet12k-validation-0001.tar"));
        assertEquals(1, run("verify", tars, out, "local[2]"));
        String key = OutputFiles.members(out.resolve("imagenet12k-validation-0000.tar")).get(0).replaceAll("\\.[a-z]+$", "");
        assertTrue(Files.readString(report).contains("FAIL  key " + key + " appears 2 times across the splits"),
                Files.readString(report));
    }

    @Test
    @Order(6)
    void imagesThatFailOnlyAtWriteAreRejectedAccountedAndExcusedFromTheHoldout() throws IOException {
        Path input = dir.resolve("with-undecodable");
        Files.createDirectories(input);
        try (Stream<Path> s = Files.list(tars)) {
            for (Path t : s.toList()) {
                Files.copy(t, input.resolve(t.getFileName()));
            }
        }
        // a synset of PNGs that count finds usable, whose pixel data then turns to garbage in place
        // (same size) before write: what count now catches can only reach write this way
        byte[] png = TestImages.encode(TestImages.gradient(120, 90,
                java.awt.image.BufferedImage.TYPE_3BYTE_BGR), "png");
        List<TestImages.Entry> members = new ArrayList<>();
        List<TestImages.Entry> broken = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            members.add(TestImages.Entry.file("n09999999_" + i + ".JPEG", png));
            byte[] garbage = java.util.Arrays.copyOf(png, png.length);
            java.util.Arrays.fill(garbage, 41, garbage.length, (byte) i);
            broken.add(TestImages.Entry.file("n09999999_" + i + ".JPEG", garbage));
        }
        Path damaged = input.resolve("n09999999.tar");
        Files.write(damaged, TestImages.tar(members));
        Path out = dir.resolve("out-undecodable");
        for (String stage : List.of("count", "select", "split")) {
            assertEquals(0, run(stage, input, out, "local[2]", "--max-reject-fraction", "0.5"), stage);
        }
        Files.write(damaged, TestImages.tar(broken));
        assertEquals(0, run("write", input, out, "local[2]", "--max-reject-fraction", "0.5"));
        assertEquals(0, run("verify", input, out, "local[2]", "--max-reject-fraction", "0.5"));
        assertTrue(Files.readAllLines(out.resolve("classes.txt")).contains("n09999999"));
        BuildStats stats = BuildStats.parse(Files.readAllBytes(out.resolve("_meta/stats.json")));
        assertEquals(40L, stats.rejectedByReason().get("decode_error"));
        assertTrue(stats.identityHolds());
        assertTrue(Files.readString(out.resolve("_work/verify-report.txt")).contains(VAL + " short by images rejected at write"));
    }

    @Test
    @Order(7)
    void tooManyRejectsFailTheRunWithExitOne() {
        assertEquals(1, run("run", tars, dir.resolve("out-strict"), "local[2]", "--max-reject-fraction", "0.001"));
    }
}
