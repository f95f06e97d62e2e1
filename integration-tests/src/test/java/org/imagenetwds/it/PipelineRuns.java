package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.dataset.InputLayout;
import org.imagenetwds.sample.SampleCorpusGenerator;

/**
 * The input, options and local reference run that the storage and cluster tests share: every
 * storage or cluster run of the standard input must give the reference's bytes. The reference
 * is made once per test JVM (failsafe runs all ITs in one) and timed like the other runs.
 */
final class PipelineRuns {

    /** Options for the standard input: 8 classes, 3 validation images each, 4 + 2 shards. */
    static final List<String> OPTIONS = List.of("--classes", "8", "--val-per-class", "3", "--train-shards", "4",
            "--val-shards", "2", "--max-reject-fraction", "0.1");

    private static final Path SHARED = Path.of("target", "it-shared");
    private static Path input;
    private static Path reference;

    private PipelineRuns() {
    }

    /** 12 synsets of per-synset tars, 135 members (13 of them rejected), generated once per JVM. */
    static synchronized Path standardInput() throws IOException {
        if (input == null) {
            deleteTree(SHARED);
            input = SHARED.resolve("input").toAbsolutePath();
            new SampleCorpusGenerator(new SampleCorpusGenerator.Spec(12, 30, 5, InputLayout.SYNSET_TARS)).generate(input);
        }
        return input;
    }

    /** The standard input run locally, in its own JVM ({@code WALL local}). */
    static synchronized Path localReference() throws IOException, InterruptedException {
        if (reference == null) {
            Path in = standardInput();
            Path out = SHARED.resolve("out-local").toAbsolutePath();
            runJvm("local", runArgs(in.toString(), out.toString(), OPTIONS, List.of()), SHARED.resolve("local.log"), Map.of());
            reference = out;
        }
        return reference;
    }

    /** {@code run --input .. --output .. <options> --master local[2] <extra>}. */
    static List<String> runArgs(String in, String out, List<String> options, List<String> extra) {
        List<String> args = new ArrayList<>(List.of("run", "--input", in, "--output", out));
        args.addAll(options);
        args.addAll(List.of("--master", "local[2]"));
        args.addAll(extra);
        return args;
    }

    /** The project's {@code conf/spark-defaults.conf}, the Spark settings {@code bin/imagenet-wds} runs with. */
    static Path projectSparkDefaults() {
        return Path.of(System.getProperty("imagenetwds.sparkDefaultsFile", "../conf/spark-defaults.conf"))
                .toAbsolutePath().normalize();
    }

    /** {@code --properties-file <the project's defaults>}: what an embedded run through the launcher gets. */
    static List<String> withProjectDefaults() {
        return List.of("--properties-file", projectSparkDefaults().toString());
    }

    /** The first line of such a run. */
    static String settingsLine() {
        return "imagenet-wds: Spark settings from " + projectSparkDefaults();
    }

    /** The CLI in its own JVM, as spark-submit would run it; waits for success and returns what it printed. */
    static String runJvm(String name, List<String> args, Path log, Map<String, String> env)
            throws IOException, InterruptedException {
        return startJvm(name, args, log, env).awaitSuccess(10);
    }

    static Jvm.Started startJvm(String name, List<String> args, Path log, Map<String, String> env) throws IOException {
        Files.createDirectories(log.getParent());
        return Jvm.start(name, Jvm.command("-Xmx2g", ImagenetWds.class.getName(), args), log, env);
    }

    /** Fails when {@code secret} occurs in any file under the given folders or files. */
    static int assertSecretAbsent(String secret, List<Path> roots) throws IOException {
        int files = 0;
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files++;
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret),
                            "the S3 secret is in " + f);
                }
            }
        }
        return files;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
