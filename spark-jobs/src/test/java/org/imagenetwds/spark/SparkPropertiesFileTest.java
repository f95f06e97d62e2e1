package org.imagenetwds.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkPropertiesFileTest {

    @Test
    void readsSparkSubmitsSyntaxAndKeepsOnlySparkKeys(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("spark-defaults.conf"), String.join("\n",
                "# a comment",
                "spark.executor.cores                     4",
                "spark.hadoop.fs.s3a.connection.request.timeout=60s   ",
                "  spark.task.maxFailures : 8",
                "fs.s3a.endpoint http://not-a-spark-key",
                ""));
        assertEquals(Map.of("spark.executor.cores", "4", "spark.hadoop.fs.s3a.connection.request.timeout", "60s",
                "spark.task.maxFailures", "8"), SparkPropertiesFile.read(file));
    }

    /** The file bin/imagenet-wds and the submit examples use parses, and holds the storage bounds docs/guide/storage.md documents. */
    @Test
    void theProjectsDefaultsBoundEveryStorageCall() throws IOException {
        Map<String, String> defaults = SparkPropertiesFile.read(Path.of("..", "conf", "spark-defaults.conf"));
        assertEquals("keep", defaults.get("spark.hadoop.fs.s3a.directory.marker.retention"));
        assertEquals("30000", defaults.get("spark.hadoop.fs.s3a.connection.timeout"));
        assertEquals("60s", defaults.get("spark.hadoop.fs.s3a.connection.request.timeout"));
        assertEquals("1", defaults.get("spark.hadoop.fs.s3a.attempts.maximum"));
        assertEquals("1", defaults.get("spark.hadoop.fs.s3a.retry.limit"));
        assertEquals("120000", defaults.get("spark.hadoop.ipc.client.rpc-timeout.ms"));
    }
}
