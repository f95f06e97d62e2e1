package org.imagenetwds.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
            ChildProcess.Ran ran = ChildProcess.run(Duration.ofMinutes(1), List.of("djpeg", "-outfile", "/dev/null", file.toString()));
            String said = ran.printed().strip();
            assertEquals(0, ran.exit(), what + ": " + said);
            assertEquals("", said, what + " decodes with warnings");
        } finally {
            Files.delete(file);
        }
    }
}
