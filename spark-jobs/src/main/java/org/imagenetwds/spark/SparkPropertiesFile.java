package org.imagenetwds.spark;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A Spark properties file read as {@code spark-submit --properties-file} reads it: Java properties
 * syntax in UTF-8 ({@code key value} or {@code key=value}, {@code #} comments), values trimmed, and
 * only {@code spark.*} keys kept (spark-submit ignores the others with a warning, and so do we).
 */
public final class SparkPropertiesFile {

    private SparkPropertiesFile() {
    }

    /** The file's {@code spark.*} settings, by key. */
    public static Map<String, String> read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        Map<String, String> settings = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("spark.")) {
                settings.put(key, properties.getProperty(key).trim());
            } else {
                System.err.println("imagenet-wds: ignoring non-Spark property " + key + " in " + file);
            }
        }
        return settings;
    }
}
