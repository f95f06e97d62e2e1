package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.imagenetwds.cli.ImagenetWds;
import org.junit.jupiter.api.Test;

/**
 * One job jar serves both Spark lines: compiled against Spark 4 (Scala 2.13, Hadoop 3.4), the job's
 * classes come out byte for byte as compiled against Spark 3.5, so the Spark 4 line's tests run the
 * Spark 3.5 jar's code. A Spark API whose signature differs between the lines breaks this test first.
 */
class JobClassesTest {

    @Test
    void theJobsClassesAreTheSameBytesOnBothSparkLines() throws Exception {
        Path classes = Path.of(ImagenetWds.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> names;
        try (Stream<Path> walk = Files.walk(classes)) {
            names = walk.filter(p -> p.toString().endsWith(".class")).map(p -> classes.relativize(p).toString())
                    .sorted().toList();
        }
        assertTrue(names.size() > 50, "the job's classes in " + classes + ": " + names);
        SparkLines.recordOrCompare("job-classes", SparkLines.sha256Listing(classes, names));
    }
}
