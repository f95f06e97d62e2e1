package org.imagenetwds.duplicates;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The real ImageNet JPEGs of ../shared in name order; the calling test is skipped, with a message, without them. */
final class RealSamples {

    private static final Path SAMPLES = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data",
            "imagenet-samples");

    private RealSamples() {
    }

    static List<Path> jpegs() throws IOException {
        assumeTrue(Files.isDirectory(SAMPLES), "skipping: " + SAMPLES.toAbsolutePath() + " not found (../shared absent)");
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.filter(p -> p.toString().endsWith(".JPEG")).sorted().toList();
        }
    }
}
