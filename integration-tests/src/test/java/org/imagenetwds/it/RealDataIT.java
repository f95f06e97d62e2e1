package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.BuildStats;
import org.imagenetwds.dataset.DatasetInfo;
import org.imagenetwds.spark.OutputFiles;
import org.imagenetwds.testing.ChildProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline on real ImageNet JPEGs: {@code ../shared/bench/make_corpus.py} builds a fall11-shaped
 * input from {@code ../shared/data/imagenet-samples}; skipped, with a message, without {@code ../shared}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealDataIT {

    private static final Path SHARED = Path.of(System.getProperty("imagenetwds.shared", "../../shared"));
    private static final List<String> OPTIONS = List.of("--classes", "250", "--val-per-class", "4",
            "--train-shards", "16", "--val-shards", "4");

    @TempDir
    static Path dir;

    private static Path tars;
    private static Path outerTar;
    private static Path reference;
    private static int corpusImages;

    @BeforeAll
    static void buildCorpus() throws Exception {
        Path script = SHARED.resolve("bench/make_corpus.py");
        assumeTrue(Files.exists(script), "skipping real-data tests: " + script.toAbsolutePath() + " not found (../shared absent)");
        tars = dir.resolve("tars");
        corpusImages = makeCorpus(script, tars, "synset-tars");
        assertEquals(corpusImages, makeCorpus(script, dir.resolve("fall11"), "fall11-tar"));
        outerTar = dir.resolve("fall11").resolve("fall11_whole.tar");
        reference = dir.resolve("out-local2");
    }

    private static int makeCorpus(Path script, Path out, String layout) throws Exception {
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        ChildProcess.Ran ran = ChildProcess.run(Duration.ofMinutes(5), List.of(python, script.toString(), out.toString(),
                "--synsets", "300", "--tail", "100", "--scale", "0.02", "--layout", layout));
        String printed = ran.printed();
        assertEquals(0, ran.exit(), printed);
        String images = printed.replaceAll("(?s).*images=(\\d+).*", "$1").trim();
        return Integer.parseInt(images);
    }

    private static List<String> runArgs(Path input, Path output, String master) {
        List<String> args = new ArrayList<>(List.of("run", "--input", input.toString(), "--output", output.toString(),
                "--master", master));
        args.addAll(OPTIONS);
        return args;
    }

    private static int run(Path input, Path output, String master) {
        return ImagenetWds.execute(runArgs(input, output, master).toArray(String[]::new));
    }

    @Test
    @Order(1)
    void realCorpusGivesTheTopClassesExactHoldoutAndFullAccounting() throws IOException {
        assertEquals(0, run(tars, reference, "local[2]")); // run ends with verify: exit 0 means it passed

        Map<String, Integer> members = new TreeMap<>();
        try (Stream<Path> s = Files.list(tars)) {
            for (Path t : s.toList()) {
                members.put(t.getFileName().toString().replace(".tar", ""), OutputFiles.members(t).size());
            }
        }
        assertEquals(400, members.size());
        List<String> top = members.keySet().stream()
                .sorted(Comparator.<String>comparingInt(members::get).reversed().thenComparing(Comparator.naturalOrder()))
                .limit(250).sorted().toList();
        assertEquals(top, Files.readAllLines(reference.resolve("classes.txt")));

        DatasetInfo info = DatasetInfo.parse(Files.readAllBytes(reference.resolve("_info.json")));
        assertEquals(16, info.split("train").filenames().size());
        assertEquals(4, info.split("validation").filenames().size());
        for (String split : List.of("train", "validation")) {
            for (String f : info.split(split).filenames()) {
                assertTrue(Files.exists(reference.resolve(f)), f);
            }
        }
        Map<Integer, Integer> valPerLabel = OutputFiles.samplesPerLabel(reference, info.split("validation").filenames());
        assertEquals(250, valPerLabel.size());
        valPerLabel.forEach((label, n) -> assertEquals(4, n, "validation samples of label " + label));

        BuildStats stats = BuildStats.parse(Files.readAllBytes(reference.resolve("_meta/stats.json")));
        assertEquals(corpusImages, stats.inputMembers());
        assertTrue(stats.identityHolds());
        assertEquals(top.stream().mapToLong(members::get).sum(), stats.written() + stats.rejected());
        assertEquals(1000, info.split("validation").numSamples());
    }

    @Test
    @Order(2)
    void oneCoreGivesByteIdenticalOutput() throws IOException {
        assertSameAsReference(tars, "local[1]", "out-local1");
    }

    @Test
    @Order(3)
    void theOuterFall11TarGivesByteIdenticalOutput() throws IOException {
        assertSameAsReference(outerTar, "local[2]", "out-fall11");
    }

    private static void assertSameAsReference(Path input, String master, String outputName) throws IOException {
        Path out = dir.resolve(outputName);
        assertEquals(0, run(input, out, master));
        OutputFiles.assertSameBytes(reference, out);
    }

    @Test
    @Order(4)
    void aRunKilledDuringWriteResumesToByteIdenticalOutput() throws Exception {
        Path out = dir.resolve("out-killed");
        Path commits = out.resolve("_work/commits");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx2g"));
        command.addAll(List.of(System.getProperty("imagenetwds.jvmOpens", "").split(" ")));
        command.removeIf(String::isBlank);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ImagenetWds.class.getName()));
        command.addAll(runArgs(tars, out, "local[2]"));
        File log = dir.resolve("killed-run.log").toFile();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (committedShards(commits) < 3 && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(p.isAlive(), "the run ended before it could be killed during write: " + Files.readString(log.toPath()));
        p.destroyForcibly();
        assertTrue(p.waitFor(1, TimeUnit.MINUTES));
        assertFalse(Files.exists(out.resolve("_info.json")), "the killed run got to the end");
        List<Path> done = listCommits(commits);
        Map<String, FileTime> before = new HashMap<>();
        for (Path c : done) {
            String shard = c.getFileName().toString().replace(".json", "");
            before.put(shard, Files.getLastModifiedTime(out.resolve(shard)));
        }

        assertEquals(0, run(tars, out, "local[2]"));
        OutputFiles.assertSameBytes(reference, out);
        before.forEach((shard, time) -> {
            try {
                assertEquals(time, Files.getLastModifiedTime(out.resolve(shard)), shard + " was written again");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertFalse(Files.exists(out.resolve("_tmp")), "temporary shards left behind");
    }

    private static int committedShards(Path commits) throws IOException {
        return listCommits(commits).size();
    }

    private static List<Path> listCommits(Path commits) throws IOException {
        if (!Files.isDirectory(commits)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(commits)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".tar.json") && !n.startsWith("._tmp")).map(commits::resolve).toList();
        }
    }
}
