package org.imagenetwds.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Decodes with djpeg (libjpeg-turbo, what Pillow, torchvision and DALI use) when it is installed;
 * CI installs it. Without it the check is skipped with a line on stderr, never passed silently.
 */
public final class Libjpeg {

    private static final boolean PRESENT = Stream.of(System.getenv("PATH").split(":"))
            .anyMatch(d -> Files.isExecutable(Path.of(d, "djpeg")));

    private Libjpeg() {
    }

    public static void assertDecodes(byte[] jpeg, String what) throws IOException, InterruptedException {
        if (!PRESENT) {
            System.err.println("djpeg not installed: libjpeg check of " + what + " skipped");
            return;
        }
        Path file = Files.createTempFile("libjpeg-check", ".jpg");
        try {
            Files.write(file, jpeg);
            Process p = new ProcessBuilder("djpeg", "-outfile", "/dev/null", file.toString()).redirectErrorStream(true).start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertEquals(0, p.waitFor(), what + ": " + said);
            assertEquals("", said, what + " decodes with warnings");
        } finally {
            Files.delete(file);
        }
    }
}
