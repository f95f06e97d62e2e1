package org.imagenetwds.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

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

    @Test
    void helpExitsZeroForEveryCommand() {
        for (String c : new String[] {"run", "count", "select", "split", "write", "verify", "generate-sample", "demo"}) {
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
}
