package org.imagenetwds.labels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.imagenetwds.ilsvrc.Ilsvrc2012Devkit;

/** The real ILSVRC-2012 files in ../shared/data/ilsvrc2012; a test using them is skipped without them. */
public final class SharedIlsvrcData {

    public static final Path DIR = Path.of(System.getProperty("imagenetwds.shared", "../../shared"), "data", "ilsvrc2012");

    private SharedIlsvrcData() {
    }

    public static Path file(String name) {
        Path path = DIR.resolve(name);
        assumeTrue(Files.isRegularFile(path), "skipping: " + path.toAbsolutePath() + " not found (../shared absent)");
        return path;
    }

    public static Ilsvrc2012Devkit devkit() throws IOException {
        return Ilsvrc2012Devkit.read(Files.readAllBytes(file("meta.mat")), "meta.mat",
                Files.readAllBytes(file("ILSVRC2012_validation_ground_truth.txt")), "ground truth");
    }

    public static RealLabels realLabels() throws IOException {
        try (InputStream in = Files.newInputStream(file("real_labels.json"))) {
            return RealLabels.read(in, "real_labels.json", 50_000);
        }
    }
}
