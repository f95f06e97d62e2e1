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

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.dataset.Sha256;
import org.imagenetwds.dataset.ShardChecksums;
import org.imagenetwds.sample.ReleaseMember;
import org.imagenetwds.sample.ReleaseTar;
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

        // the dataset card: front matter a YAML parser reads, agreeing with _info.json; pictures as stated
        String card = Files.readString(reference.resolve("README.md"));
        com.fasterxml.jackson.databind.JsonNode front = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()).readTree(card.substring(4, card.indexOf("\n---\n", 4) + 1));
        assertEquals(info.split("train").numSamples(), front.path("dataset_info").path("splits").get(0).path("num_examples").asLong());
        assertEquals(classes.get(CLASSES - 1), front.path("dataset_info").path("features").get(1).path("dtype")
                .path("class_label").path("names").path(Integer.toString(CLASSES - 1)).asText());
        for (String picture : List.of("class-counts.png", "short-edges.png", "rejects.png", "contact-sheet.png")) {
            java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(reference.resolve("card").resolve(picture).toFile());
            assertEquals(picture.equals("contact-sheet.png") ? 1024 : 1000, png.getWidth(), picture);
            assertTrue(card.contains("(card/" + picture + ")"), "the card does not show " + picture);
        }

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
        // every build lists its duplicate pairs and counts them in stats.json and the card
        long pairRows;
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            pairRows = spark.read().parquet(reference.resolve("_meta/duplicates.parquet").toString()).count();
        }
        assertEquals(pairRows, stats.duplicates().pairs());
        assertTrue(card.contains("## Duplicates\n") && card.contains("| exact | " + stats.duplicates().exactPairs() + " |"), card);
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
        for (String stage : List.of("count", "select", "dedup", "split", "write", "verify")) {
            assertEquals(0, run(stage, tars, out, "local[2]"), stage);
        }
        OutputFiles.assertSameBytes(reference, out);
        // the dataset card and its pictures are part of the build: the same bytes from the same input
        assertEquals(Files.readString(reference.resolve("README.md")), Files.readString(out.resolve("README.md")));
        for (String picture : List.of("class-counts.png", "short-edges.png", "rejects.png", "contact-sheet.png")) {
            assertTrue(java.util.Arrays.equals(Files.readAllBytes(reference.resolve("card").resolve(picture)),
                    Files.readAllBytes(out.resolve("card").resolve(picture))), picture + " differs between two builds");
        }
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
    @Order(4)
    void aRerunRewritesShardsChangedOrDeletedSinceWriteAndDropsAnEarlierBuildsExtraShards() throws IOException {
        Path out = dir.resolve("out-repair");
        assertEquals(0, run("run", tars, out, "local[2]"));
        // _meta/SHA256SUMS is sha256sum's format, one line per shard, checked here without the tool
        Map<String, String> sums = ShardChecksums.parse(Files.readAllBytes(out.resolve("_meta/SHA256SUMS")));
        assertEquals(OutputFiles.deterministicFiles(out).stream().filter(n -> n.endsWith(".tar")).toList(),
                List.copyOf(sums.keySet()));
        for (Map.Entry<String, String> e : sums.entrySet()) {
            assertEquals(e.getValue(), Sha256.of(Files.readAllBytes(out.resolve(e.getKey()))), e.getKey());
        }

        // one byte inside an image changed (the shard still reads and decodes), another shard deleted
        Path changed = out.resolve("imagenet12k-train-0001.tar");
        long offset;
        try (var tar = new org.apache.commons.compress.archivers.tar.TarFile(changed)) {
            var jpeg = tar.getEntries().stream().filter(e -> e.getName().endsWith(".jpg")).findFirst().orElseThrow();
            offset = jpeg.getDataOffset() + jpeg.getSize() / 2;
        }
        byte[] bytes = Files.readAllBytes(changed);
        bytes[(int) offset] ^= 0x10;
        Files.write(changed, bytes);
        Files.delete(out.resolve("imagenet12k-train-0002.tar"));
        assertEquals(1, run("verify", tars, out, "local[2]"));
        String report = Files.readString(out.resolve("_work/verify-report.txt"));
        assertTrue(report.contains("FAIL  imagenet12k-train-0001.tar: its bytes changed after write committed them")
                && report.contains("FAIL  shard imagenet12k-train-0002.tar listed in _info.json is missing"), report);
        FileTime untouched = Files.getLastModifiedTime(out.resolve("imagenet12k-train-0003.tar"));
        assertEquals(0, run("run", tars, out, "local[2]"));
        OutputFiles.assertSameBytes(reference, out);
        assertEquals(untouched, Files.getLastModifiedTime(out.resolve("imagenet12k-train-0003.tar")), "an intact shard was rewritten");

        // the same dataset with fewer train shards: the earlier build's extra shards go
        assertEquals(0, run("run", tars, out, "local[2]", "--train-shards", "2"));
        assertEquals(List.of("imagenet12k-train-0000.tar", "imagenet12k-train-0001.tar", "imagenet12k-validation-0000.tar",
                "imagenet12k-validation-0001.tar"), OutputFiles.deterministicFiles(out).stream().filter(n -> n.endsWith(".tar")).toList());

        // another dataset into the same folder is refused before any work
        java.io.ByteArrayOutputStream said = new java.io.ByteArrayOutputStream();
        java.io.PrintStream err = System.err;
        System.setErr(new java.io.PrintStream(said, true));
        try {
            assertEquals(1, run("run", tars, out, "local[2]", "--preset", "imagenet22k"));
        } finally {
            System.setErr(err);
        }
        assertTrue(said.toString().contains("already holds the dataset imagenet12k (its _info.json); this build writes imagenet22k"),
                said.toString());
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
        Path input = copyOfTars("with-undecodable");
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
        for (String stage : List.of("count", "select", "dedup", "split")) {
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
    void aClassesFileChoosesExactlyItsSynsetsAndOneTheInputLacksFailsTheRun() throws IOException {
        List<String> synsets = new ArrayList<>(usableCounts().keySet());
        Path list = Files.writeString(dir.resolve("my-classes.txt"), synsets.get(5) + "\n" + synsets.get(2) + "\n");
        Path out = dir.resolve("out-listed");
        List<String> args = List.of("run", "--input", tars.toString(), "--output", out.toString(), "--classes-file",
                list.toString(), "--val-per-class", "2", "--train-shards", "2", "--val-shards", "1",
                "--max-reject-fraction", "0.1", "--master", "local[2]");
        assertEquals(0, ImagenetWds.execute(args.toArray(String[]::new)));
        assertEquals(List.of(synsets.get(2), synsets.get(5)), Files.readAllLines(out.resolve("classes.txt")));
        assertEquals("my-classes", DatasetInfo.parse(Files.readAllBytes(out.resolve("_info.json"))).recipe()
                .recorded().get("classes_file"));

        Files.writeString(list, synsets.get(5) + "\nn09999999\n");
        List<String> again = new ArrayList<>(args);
        again.set(again.indexOf(out.toString()), dir.resolve("out-listed-absent").toString());
        String said = stderr(() -> assertEquals(1, ImagenetWds.execute(again.toArray(String[]::new))));
        assertTrue(said.contains("lists 1 synsets the input has no usable image of (n09999999)"), said);
    }

    @Test
    @Order(7)
    void tooManyRejectsFailTheRunWithExitOne() {
        assertEquals(1, run("run", tars, dir.resolve("out-strict"), "local[2]", "--max-reject-fraction", "0.001"));
    }

    @Test
    @Order(8)
    void aScheduledRerunDoesNoWorkAndAChangedInputIsRebuiltAsFromScratch() throws IOException {
        Path input = dir.resolve("scheduled-in");
        copyTree(tars, input);
        Path out = dir.resolve("out-scheduled");
        assertEquals(0, run("run", input, out, "local[2]"));
        Map<Path, FileTime> before = modificationTimes(out);

        long start = System.nanoTime();
        String said = stdout(() -> assertEquals(0, run("run", input, out, "local[2]")));
        System.out.printf("WALL no-op-rerun %.1f%n", (System.nanoTime() - start) / 1e9);
        for (var stage : Pipeline.STAGES) {
            assertTrue(said.contains(stage.name() + ": up to date, skipped"), said);
        }
        assertTrue(said.contains("verify: output unchanged since it last passed verify"), said);
        assertEquals(before, modificationTimes(out), "a re-run on unchanged input rewrote something");

        // a synset added, and one replaced by a smaller tar of the same synset: everything downstream is redone
        Path other = dir.resolve("scheduled-other");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(3, 30, 12, InputLayout.SYNSET_TARS)).generate(other);
        try (Stream<Path> s = Files.list(other)) {
            Path added = s.filter(p -> p.toString().endsWith(".tar")).sorted().findFirst().orElseThrow();
            Files.copy(added, input.resolve(added.getFileName()));
        }
        Path replaced;
        try (Stream<Path> s = Files.list(input)) {
            replaced = s.filter(p -> p.toString().endsWith(".tar")).sorted().findFirst().orElseThrow();
        }
        Files.write(replaced, TestImages.tar(firstRegularFiles(replaced, 12)));
        said = stdout(() -> assertEquals(0, run("run", input, out, "local[2]", "--max-reject-fraction", "0.2")));
        assertTrue(said.contains("count: running again: input listing changed since its last run"), said);
        Path clean = dir.resolve("out-scheduled-clean");
        assertEquals(0, run("run", input, clean, "local[2]", "--max-reject-fraction", "0.2"));
        OutputFiles.assertSameBytes(clean, out);
    }

    @Test
    @Order(9)
    void aSecondRunOnTheSameOutputRefusesWhileTheFirstHoldsTheLock() throws IOException {
        Path out = dir.resolve("out-locked");
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        String said;
        try (org.imagenetwds.spark.io.RunLock held = org.imagenetwds.spark.io.RunLock.acquire(
                new org.apache.hadoop.fs.Path(out.resolve("_work").toUri()), conf, "another-application")) {
            said = stderr(() -> assertEquals(1, run("run", tars, out, "local[2]")));
        }
        assertTrue(said.contains("another run is using this work folder: run "), said);
        assertTrue(!Files.exists(out.resolve("_info.json")), "the refused run wrote output");
        assertEquals(0, run("run", tars, out, "local[2]")); // released: the next run goes ahead
        OutputFiles.assertSameBytes(reference, out);
    }

    private static Map<Path, FileTime> modificationTimes(Path root) throws IOException {
        Map<Path, FileTime> times = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                times.put(root.relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return times;
    }

    /** The first {@code n} regular files of a tar, as entries to write again. */
    private static List<TestImages.Entry> firstRegularFiles(Path tar, int n) throws IOException {
        List<TestImages.Entry> entries = new ArrayList<>();
        try (java.io.InputStream in = Files.newInputStream(tar);
             org.apache.commons.compress.archivers.tar.TarArchiveInputStream t =
                     new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(in)) {
            org.apache.commons.compress.archivers.tar.TarArchiveEntry e;
            while ((e = t.getNextEntry()) != null && entries.size() < n) {
                if (e.isFile()) {
                    entries.add(TestImages.Entry.file(e.getName(), t.readAllBytes()));
                }
            }
        }
        return entries;
    }

    @Test
    @Order(12)
    void damagedJpegsAreRepairedByDefaultAndRejectedWithDamagedReject() throws IOException {
        Path input = copyOfTars("with-damaged");
        // libjpeg only warns about each: 10 with bytes before the end marker (cut), 10 whose scan a
        // stray end marker interrupts (decoded leniently, re-encoded), 20 intact, 5 cut short in their scan
        List<TestImages.Entry> members = new ArrayList<>();
        for (int i = 0; i < 45; i++) {
            byte[] jpeg = TestImages.jpeg(TestImages.gradient(120 + i, 90, java.awt.image.BufferedImage.TYPE_3BYTE_BGR));
            int at = i < 10 ? jpeg.length - 2 : i < 20 ? jpeg.length / 2 : jpeg.length;
            byte[] insert = i < 10 ? new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12} : i < 20
                    ? new byte[] {(byte) 0xFF, (byte) 0xD9} : new byte[0];
            byte[] damaged = new byte[jpeg.length + insert.length];
            System.arraycopy(jpeg, 0, damaged, 0, at);
            System.arraycopy(insert, 0, damaged, at, insert.length);
            System.arraycopy(jpeg, at, damaged, at + insert.length, jpeg.length - at);
            byte[] cutShort = java.util.Arrays.copyOf(jpeg, jpeg.length * 2 / 3);
            members.add(TestImages.Entry.file("n09999998_" + i + ".JPEG", i < 40 ? damaged : cutShort));
        }
        Files.write(input.resolve("n09999998.tar"), TestImages.tar(members));

        Path repaired = dir.resolve("out-repaired");
        assertEquals(0, run("run", input, repaired, "local[2]"));
        BuildStats stats = BuildStats.parse(Files.readAllBytes(repaired.resolve("_meta/stats.json")));
        assertEquals(Map.of("cut", 10L, "reencoded", 10L, "truncated_scan", 5L), stats.repairedByKind());
        assertEquals(null, stats.rejectedByReason().get("corrupt_data"));
        long cutShortInHeaders = stats.rejectedByReason().get("truncated"); // the sample corpus's
        assertTrue(Files.readAllLines(repaired.resolve("classes.txt")).contains("n09999998"));
        Map<String, String> messages = new TreeMap<>();
        try (SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate()) {
            for (Row r : spark.read().parquet(repaired.resolve("_meta/repaired").toString()).collectAsList()) {
                messages.put(r.<String>getAs("member"), r.<String>getAs("repair") + ": " + r.<String>getAs("message"));
            }
        }
        assertEquals(25, messages.size());
        assertTrue(messages.get("n09999998_0.JPEG").matches("cut: Corrupt JPEG data: \\d+ extraneous bytes .*"),
                messages.get("n09999998_0.JPEG"));
        assertTrue(messages.get("n09999998_10.JPEG").startsWith("reencoded: Corrupt JPEG data: premature end of data segment"),
                messages.get("n09999998_10.JPEG"));
        assertTrue(messages.get("n09999998_40.JPEG").matches(
                "truncated_scan: Premature end of JPEG file: scan 1 ends after \\d+ of \\d+ MCU rows"), messages.get("n09999998_40.JPEG"));
        assertTrue(Files.readString(repaired.resolve("README.md")).contains("| of them repaired: `cut` | 10 |"));

        Path rejected = dir.resolve("out-damaged-rejected");
        assertEquals(0, run("run", input, rejected, "local[2]", "--damaged", "reject", "--max-reject-fraction", "0.5"));
        BuildStats strict = BuildStats.parse(Files.readAllBytes(rejected.resolve("_meta/stats.json")));
        assertEquals(20L, strict.rejectedByReason().get("corrupt_data"));
        assertEquals(cutShortInHeaders + 5, strict.rejectedByReason().get("truncated"));
        assertEquals(Map.of(), strict.repairedByKind());
        assertTrue(Files.notExists(rejected.resolve("_meta/repaired")));
    }

    @Test
    @Order(10)
    void aWebpBuildWritesOnlyWebpMembersThatDecodeRecordsTheFormatAndPassesVerify() throws IOException {
        if (!Files.exists(reference.resolve("_info.json"))) { // this test run on its own
            assertEquals(0, run("run", tars, reference, "local[2]"));
        }
        Path out = dir.resolve("out-webp");
        assertEquals(0, run("run", tars, out, "local[2]", "--image-format", "webp")); // run ends with verify
        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(out.resolve("_info.json")));
        assertEquals("webp", info.recipe().recorded().get("image_format"));
        assertTrue(Files.readString(out.resolve("README.md")).contains("* image format WebP:"));
        DatasetInfo jpegInfo = DatasetInfo.parse(Files.readAllBytes(reference.resolve("_info.json")));
        assertEquals(jpegInfo.splits(), info.splits(), "same samples in the same shards, whatever the encoding");

        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        long images = 0;
        long webpBytes = 0;
        long jpegBytes = 0;
        for (DatasetInfo.SplitInfo split : info.splits()) {
            for (String shard : split.filenames()) {
                Map<String, byte[]> members = OutputFiles.contents(out.resolve(shard));
                List<String> names = new ArrayList<>(members.keySet());
                for (int i = 0; i < names.size(); i += 3) {
                    String key = names.get(i).replace(".cls", "");
                    assertEquals(List.of(key + ".cls", key + ".webp", key + ".json"), names.subList(i, i + 3));
                    // decoded by ImageIO's registry (the plugin's libwebp reader), not by our own check
                    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(
                            new java.io.ByteArrayInputStream(members.get(key + ".webp")));
                    com.fasterxml.jackson.databind.JsonNode sample = json.readTree(members.get(key + ".json"));
                    assertEquals(List.of(sample.path("width").asInt(), sample.path("height").asInt()),
                            List.of(image.getWidth(), image.getHeight()), key);
                    images++;
                    webpBytes += members.get(key + ".webp").length;
                }
                jpegBytes += OutputFiles.contents(reference.resolve(shard)).entrySet().stream()
                        .filter(e -> e.getKey().endsWith(".jpg")).mapToLong(e -> e.getValue().length).sum();
            }
        }
        assertEquals(info.split("train").numSamples() + info.split("validation").numSamples(), images);
        System.out.printf("webp build: %d images, %d bytes per image (jpeg build: %d)%n", images, webpBytes / images,
                jpegBytes / images);

        OutputFiles.pillowDecodes(dir, out.resolve(info.split("validation").filenames().get(0)));

        // ImageFolder: <stem>.webp files, verified the same way
        Path folders = dir.resolve("out-webp-folders");
        assertEquals(0, run("run", tars, folders, "local[2]", "--image-format", "webp", "--format", "imagefolder"));
        try (Stream<Path> s = Files.walk(folders.resolve("val"))) {
            List<String> files = s.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertEquals((long) CLASSES * VAL, files.size());
            assertTrue(files.stream().allMatch(f -> f.matches("n\\d{8}_[^.]+\\.webp")), files.toString());
        }
    }

    /**
     * An ImageFolder tree's file names have the file system's length limit (255 bytes): a member at the
     * limit is written under its own name (no temporary name longer than it), one over it is rejected
     * as name_too_long at count, so the holdout and the accounting stay exact and the run passes verify.
     */
    @Test
    @Order(11)
    void anImageFolderBuildWritesANameAtTheFileNameLimitAndRejectsOneOverIt() throws IOException {
        Path input = dir.resolve("with-long-names");
        copyTree(tars, input);
        String atLimit = "n09000003_" + "y".repeat(255 - "n09000003_.JPEG".length()) + ".JPEG";
        String overLimit = "n09000003_" + "z".repeat(256 - "n09000003_.JPEG".length()) + ".JPEG";
        List<TestImages.Entry> members = new ArrayList<>();
        for (int i = 0; i < 40; i++) { // more than any generated synset: chosen, so its members are written
            members.add(TestImages.Entry.file("n09000003_" + i + ".JPEG", TestImages.jpeg(120 + i, 100)));
        }
        members.add(TestImages.Entry.file(atLimit, TestImages.jpeg(90, 80)));
        members.add(TestImages.Entry.file(overLimit, TestImages.jpeg(90, 80)));
        Files.write(input.resolve("n09000003.tar"), TestImages.tar(members));
        Path out = dir.resolve("out-long-names");
        String said = stdout(() -> assertEquals(0, run("run", input, out, "local[2]", "--format", "imagefolder")));

        try (Stream<Path> s = Files.walk(out)) {
            List<String> files = s.filter(p -> p.getFileName().toString().startsWith("n09000003_y")).map(p -> out.relativize(p)
                    .toString()).toList();
            assertEquals(1, files.size(), files.toString());
            assertTrue(files.get(0).endsWith("/n09000003/" + atLimit), files.toString());
        }
        try (Stream<Path> s = Files.list(out.resolve("val/n09000003"))) {
            assertEquals(VAL, s.count(), "the holdout of the synset holding the rejected member");
        }
        BuildStats stats = BuildStats.parse(Files.readAllBytes(out.resolve("_meta/stats.json")));
        assertEquals(1L, stats.rejectedByReason().get("name_too_long"));
        assertTrue(stats.identityHolds());
        // the lines say what is written: files under folders, not shards
        assertTrue(said.contains(" train samples as files under train/, ") && said.contains(" validation samples as files under val/\n")
                && said.contains(" samples as files under train/ and val/, "), said);
        assertTrue(said.lines().filter(l -> l.startsWith("split: ") || l.startsWith("write: ")).noneMatch(l -> l.contains("shards")), said);
    }

    @Test
    @Order(20)
    void aTreeWithSubfoldersAndLinksGivesTheShardsAndAccountingOfTheTarsOfItsFolders() throws IOException {
        Path folders = dir.resolve("tree-folders");
        new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(4, 12, 23, InputLayout.FOLDERS)).generate(folders);
        List<Path> synsets = sortedList(folders);
        Path first = synsets.get(0);
        Path other = synsets.get(1);
        List<Path> images = sortedList(first);
        Files.createDirectories(first.resolve("somedir/deeper"));
        Files.move(images.get(0), first.resolve("somedir").resolve(images.get(0).getFileName()));
        Files.move(images.get(1), first.resolve("somedir/deeper").resolve(images.get(1).getFileName()));
        // links into another synset: followed, they would add its images to this one (and a fifth class)
        Files.createSymbolicLink(first.resolve(first.getFileName() + "_outside.JPEG"), sortedList(other).get(0));
        Files.createSymbolicLink(first.resolve("linkdir"), other);
        Files.createSymbolicLink(first.resolve(first.getFileName() + "_dangling.JPEG"), dir.resolve("nothing-here"));
        Files.createSymbolicLink(folders.resolve("n09999999"), dir.resolve("nothing-here-either")); // dangling: named
        Files.createDirectories(folders.resolve("notasynset"));
        Files.copy(sortedList(other).get(0), folders.resolve("loose.JPEG"));
        Path tars = Files.createDirectories(dir.resolve("tree-tars"));
        for (Path synset : synsets) {
            try (ReleaseTar tar = new ReleaseTar(
                    Files.newOutputStream(tars.resolve(synset.getFileName() + ".tar")))) {
                addTree(synset, "", tar);
            }
        }

        Path fromTars = dir.resolve("out-tree-tars");
        Path fromFolders = dir.resolve("out-tree-folders");
        String[] options = {"--classes", "4", "--val-per-class", "1", "--train-shards", "2", "--val-shards", "1",
            "--max-reject-fraction", "0.5", "--master", "local[2]"};
        assertEquals(0, ImagenetWds.execute(Stream.concat(Stream.of("run", "--input", tars.toString(), "--output",
                fromTars.toString()), Stream.of(options)).toArray(String[]::new)));
        String err = stderr(() -> assertEquals(0, ImagenetWds.execute(Stream.concat(Stream.of("run", "--input",
                folders.toString(), "--output", fromFolders.toString()), Stream.of(options)).toArray(String[]::new))));

        OutputFiles.assertSameBytes(fromTars, fromFolders);
        BuildStats expected = BuildStats.parse(Files.readAllBytes(fromTars.resolve("_meta/stats.json")));
        BuildStats actual = BuildStats.parse(Files.readAllBytes(fromFolders.resolve("_meta/stats.json")));
        assertEquals(expected.inputMembers(), actual.inputMembers());
        assertEquals(expected.rejectedByReason(), actual.rejectedByReason());
        assertEquals(5L, actual.rejectedByReason().get("not_a_regular_file")); // 3 links, 2 folders
        assertTrue(err.contains("count: ignoring 3 input entries that are not synset folders (nXXXXXXXX/): loose.JPEG,"
                + " n09999999 (symlink), notasynset/\n"), err);
    }

    private static List<Path> sortedList(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** A folder's entries into a tar as GNU tar --sort=name writes them: by name, a subfolder's entry before its content, links as links. */
    /** A folder of the generated synset tars, to which a test adds its own. */
    private static Path copyOfTars(String name) throws IOException {
        Path input = Files.createDirectories(dir.resolve(name));
        try (Stream<Path> s = Files.list(tars)) {
            for (Path t : s.toList()) {
                Files.copy(t, input.resolve(t.getFileName()));
            }
        }
        return input;
    }

    private static void addTree(Path folder, String prefix, ReleaseTar tar) throws IOException {
        for (Path p : sortedList(folder)) {
            String name = prefix + p.getFileName();
            if (Files.isSymbolicLink(p)) {
                tar.add(ReleaseMember.symlink(name, Files.readSymbolicLink(p).toString()));
            } else if (Files.isDirectory(p)) {
                tar.add(new ReleaseMember(name + "/", new byte[0],
                        TarArchiveEntry.LF_DIR, null));
                addTree(p, name + "/", tar);
            } else {
                tar.add(ReleaseMember.file(name, Files.readAllBytes(p)));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static String stdout(Runnable action) {
        return captured(false, action);
    }

    private static String stderr(Runnable action) {
        return captured(true, action);
    }

    /** What the action printed on stdout or stderr (also passed on, for the test log). */
    private static String captured(boolean err, Runnable action) {
        java.io.PrintStream saved = err ? System.err : System.out;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        if (err) {
            System.setErr(capture);
        } else {
            System.setOut(capture);
        }
        try {
            action.run();
        } finally {
            if (err) {
                System.setErr(saved);
            } else {
                System.setOut(saved);
            }
            saved.print(bytes.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
