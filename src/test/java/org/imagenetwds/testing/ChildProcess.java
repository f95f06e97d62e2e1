package org.imagenetwds.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an outside tool (djpeg, exiftool, Python with Pillow) for a test, with a time limit: its
 * output goes to files rather than pipes, so a tool that hangs, or fills a pipe nobody reads,
 * fails the test after the limit instead of hanging the build.
 */
public final class ChildProcess {

    /** What a finished tool left: its exit status, standard output and standard error. */
    public record Ran(int exit, byte[] stdout, String stderr) {

        /** Standard output then standard error, as text: for assertion messages and parsing. */
        public String printed() {
            return new String(stdout, StandardCharsets.UTF_8) + stderr;
        }
    }

    private ChildProcess() {
    }

    public static Ran run(Duration limit, List<String> command) throws IOException, InterruptedException {
        return run(limit, null, command);
    }

    /** @param stdin bytes given to the tool's standard input, or null for none */
    public static Ran run(Duration limit, byte[] stdin, List<String> command) throws IOException, InterruptedException {
        Path in = Files.createTempFile("tool-input", ".bin");
        Path out = Files.createTempFile("tool-output", ".bin");
        Path err = Files.createTempFile("tool-errors", ".txt");
        try {
            Files.write(in, stdin == null ? new byte[0] : stdin);
            Process p = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(command.get(0) + " did not finish within " + limit + ": " + command
                        + "\n" + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Ran(p.exitValue(), Files.readAllBytes(out), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(in);
            Files.delete(out);
            Files.delete(err);
        }
    }
}
