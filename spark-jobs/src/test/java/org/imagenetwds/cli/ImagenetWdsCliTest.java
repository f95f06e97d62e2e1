package org.imagenetwds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.imagenetwds.recipe.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

class ImagenetWdsCliTest {

    private static int exec(StringWriter err, String... args) {
        CommandLine cli = ImagenetWds.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return cli.execute(args);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, exec(new StringWriter()));
        assertEquals(2, exec(new StringWriter(), "run", "--input", "x"));
        assertEquals(2, exec(new StringWriter(), "run", "--output", "x", "--no-such-option"));
        StringWriter err = new StringWriter();
        assertEquals(2, exec(err, "run", "--output", "x", "--val-per-class", "0"));
        assertTrue(err.toString().contains("--val-per-class"), err.toString());
        assertEquals(2, exec(new StringWriter(), "generate-sample", "--output", "x", "--layout", "zip"));
    }

    /**
     * SPEC §7: a missing option is a usage error, exit 2 with one line naming the command the user ran,
     * found before Spark starts and before anything is created (no output folder, no _work).
     */
    @Test
    void aMissingOptionIsAUsageErrorInOneLineNamingTheCommandBeforeAnythingIsCreated(@TempDir Path dir) {
        String out = dir.resolve("out").toString();
        String given = ": the recipe takes its validation set from ILSVRC2012_img_val.tar and "
                + "ILSVRC2012_devkit_t12.tar.gz (or their folders)";
        Map<List<String>, String> cases = new java.util.LinkedHashMap<>();
        cases.put(List.of("run", "--output", out), "imagenet-wds run: missing --input");
        cases.put(List.of("count", "--output", out), "imagenet-wds count: missing --input");
        cases.put(List.of("run", "--preset", "imagenet1k", "--input", dir.toString(), "--output", out),
                "imagenet-wds run: missing --val-input and --devkit" + given);
        cases.put(List.of("count", "--preset", "imagenet1k", "--output", out, "--devkit", dir.toString()),
                "imagenet-wds count: missing --input and --val-input" + given);
        cases.put(List.of("select", "--preset", "imagenet1k", "--output", out),
                "imagenet-wds select: missing --devkit" + given);
        cases.put(List.of("write", "--preset", "imagenet1k", "--label-set", "real=" + dir, "--output", out),
                "imagenet-wds write: missing --devkit" + given);
        cases.put(List.of("verify", "--preset", "imagenet1k", "--output", out, "--val-input", dir.toString()),
                "imagenet-wds verify: missing --devkit" + given);
        cases.put(List.of("run", "--input", dir.toString()), "imagenet-wds run: Missing required option: '--output=URI'");
        cases.put(List.of("evaluate", "--dataset", out), "imagenet-wds evaluate: Missing required option: '--predictions=URI'");
        cases.put(List.of("run", "--output", out, "--inptu", dir.toString()),
                "imagenet-wds run: Unknown options: '--inptu', '" + dir + "'; did you mean --input?");
        cases.forEach((args, line) -> {
            StringWriter err = new StringWriter();
            assertEquals(2, exec(err, args.toArray(String[]::new)), args.toString());
            String command = "imagenet-wds " + args.get(0);
            assertEquals(line + "; see " + command + " --help", err.toString().strip(), args.toString());
            assertFalse(Files.exists(dir.resolve("out")), args + " created the output");
        });
        // the stages that read only the work tables and the output need no input
        for (String stage : List.of("select", "dedup", "split", "write", "verify")) {
            CommandLine sub = ImagenetWds.commandLine().parseArgs(stage, "--output", out).subcommand().commandSpec()
                    .commandLine();
            ImagenetWds.validated(((StageCommand) sub.getCommand()).pipeline, sub); // no usage error
        }
    }

    @Test
    void theFirstLineOfHelpNamesEveryPreset() {
        StringWriter out = new StringWriter();
        CommandLine cli = ImagenetWds.commandLine();
        cli.setOut(new PrintWriter(out));
        assertEquals(0, cli.execute("--help"));
        String first = out.toString().lines().findFirst().orElseThrow();
        for (String preset : Presets.names()) {
            assertTrue(first.contains(preset), "first line of --help misses preset " + preset + ": " + first);
        }
    }

    @Test
    void helpExitsZeroForEveryCommand() {
        for (String c : new String[] {"run", "count", "select", "dedup", "split", "write", "verify", "generate-sample", "demo"}) {
            assertEquals(0, exec(new StringWriter(), c, "--help"), c);
        }
    }

    @Test
    void aMissingInputFailsWithOneLineAndExitOne(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        assertEquals(1, exec(err, "run", "--input", dir.resolve("nothing").toString(), "--output",
                dir.resolve("out").toString(), "--master", "local[1]"));
        assertTrue(err.toString().contains("does not exist"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void aMissingEvaluationSetFailsInOneLineBeforeCountAndTwoSetsOfOneNameAreAUsageError(@TempDir Path dir) {
        StringWriter err = new StringWriter();
        Path missing = dir.resolve("eval").resolve("ILSVRC2012_img_val.tar");
        // the input is missing too: count would fail on it, so the set's line shows the check ran first
        assertEquals(1, exec(err, "run", "--input", dir.resolve("nothing").toString(), "--output",
                dir.resolve("out").toString(), "--master", "local[1]", "--decontaminate", missing.toString()));
        assertEquals("imagenet-wds: --decontaminate " + missing + " does not exist: check the path and its scheme (s3a://, hdfs://)", err.toString().strip());
        StringWriter twice = new StringWriter();
        assertEquals(2, exec(twice, "run", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--decontaminate", "/a/val.tar,/b/val.tar"));
        assertTrue(twice.toString().contains("two evaluation sets are named val.tar"), twice.toString());
    }

    @Test
    void confWinsOverThePropertiesFileAndAnUnreadableFileIsAUsageError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("spark.conf"), "spark.a 1\nspark.b 1\n");
        CommandLine.ParseResult parsed = ImagenetWds.commandLine().parseArgs("run", "--output", "x",
                "--properties-file", file.toString(), "--conf", "spark.b=2");
        StageCommand run = (StageCommand) parsed.subcommand().commandSpec().userObject();
        assertEquals(Map.of("spark.a", "1", "spark.b", "2"), run.sparkOptions.settings());

        StringWriter err = new StringWriter();
        Path missing = dir.resolve("missing.conf");
        assertEquals(2, exec(err, "run", "--input", dir.toString(), "--output", dir.resolve("out").toString(),
                "--properties-file", missing.toString()));
        assertTrue(err.toString().contains("cannot read --properties-file " + missing + ": no such file"), err.toString());
    }

    @Test
    void generateSampleWritesEachLayout(@TempDir Path dir) {
        for (String layout : new String[] {"synset-tars", "fall11-tar", "folders"}) {
            assertEquals(0, exec(new StringWriter(), "generate-sample", "--output", dir.resolve(layout).toString(),
                    "--synsets", "3", "--largest", "8", "--layout", layout));
        }
        assertTrue(Files.exists(dir.resolve("fall11-tar/fall11_whole.tar")));
    }

    /** The line says what count will count: the members written, and the damaged tar tail as one more. */
    @Test
    void generateSampleSaysTheDamagedTarTailIsCountedAsAMember(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            assertEquals(0, exec(new StringWriter(), "generate-sample", "--output", dir.toString(), "--synsets", "3",
                    "--largest", "8"));
        } finally {
            System.setOut(saved);
        }
        int members = 0;
        try (java.util.stream.Stream<Path> tars = Files.list(dir)) {
            for (Path tar : tars.toList()) {
                members += org.imagenetwds.spark.OutputFiles.members(tar).size();
            }
        }
        assertTrue(printed.toString(java.nio.charset.StandardCharsets.UTF_8).startsWith("generated " + members
                + " members in 3 synsets, plus 1 damaged tar tail that count lists as a member (" + (members + 1)
                + " in all, rejected as damaged_source) ("), printed.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
