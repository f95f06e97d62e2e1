package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.imagenetwds.dataset.Sha256;

/**
 * What the two Spark lines of the build must agree on. The build runs the Spark tests on the line the
 * job jar is built for (Spark 3.5, {@code mvn verify}) and again on Spark 4 ({@code mvn verify -Pspark4});
 * the first records a listing of file hashes in {@code target/spark-lines/} at the project's root, the
 * second must produce the same listing.
 */
public final class SparkLines {

    /** The line the job jar is built for: it records, the other line compares. */
    private static final String BASE = "3.5";

    private SparkLines() {
    }

    /** The Spark line under test, as the build names it ({@code 3.5} or {@code 4}). */
    public static String line() {
        return System.getProperty("imagenetwds.sparkLine", BASE);
    }

    /**
     * On the base line records {@code listing} as {@code what}; on another line asserts it equals what
     * the base line recorded. Returns the path it compared with or wrote.
     */
    public static Path recordOrCompare(String what, String listing) throws IOException {
        Path dir = Path.of(System.getProperty("imagenetwds.sparkLinesDir", "../target/spark-lines")).toAbsolutePath().normalize();
        Path base = dir.resolve(what + ".spark-" + BASE + ".txt");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(what + ".spark-" + line() + ".txt"), listing);
        if (!line().equals(BASE)) {
            assertTrue(Files.isRegularFile(base), "no " + what + " recorded by the Spark " + BASE + " line at " + base
                    + ": run its tests (mvn verify) before the Spark " + line() + " line's");
            assertEquals(Files.readString(base), listing, what + " on Spark " + line() + " differs from Spark " + BASE
                    + "'s (" + base + ")");
        }
        return base;
    }

    /** {@code <sha256>  <name>} per file, in the given order: the format of {@code sha256sum}. */
    public static String sha256Listing(Path root, List<String> names) throws IOException {
        StringBuilder listing = new StringBuilder();
        for (String name : names) {
            listing.append(Sha256.of(Files.readAllBytes(root.resolve(name)))).append("  ").append(name).append('\n');
        }
        return listing.toString();
    }
}
