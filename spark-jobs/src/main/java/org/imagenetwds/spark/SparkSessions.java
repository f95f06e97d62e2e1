package org.imagenetwds.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

/**
 * Opens the Spark session: embedded local mode from the CLI, or whatever spark-submit configured.
 * Embedded settings, lowest first: {@link #LOCAL_DEFAULTS}, the properties file, {@code --conf}.
 */
public final class SparkSessions {

    /**
     * System property naming the project's {@code conf/spark-defaults.conf}, which {@code bin/imagenet-wds}
     * sets: embedded runs then get the settings a cluster submit gets with {@code --properties-file}.
     */
    public static final String PROJECT_DEFAULTS_PROPERTY = "imagenetwds.sparkDefaults";

    private static final String MASTER = "spark.master";
    private static final String KRYO_REGISTRATOR = "spark.kryo.registrator";

    /** An embedded run's own defaults, below the properties file and --conf: no UI, loopback, few shuffle partitions. */
    static final Map<String, String> LOCAL_DEFAULTS = Map.of(
            "spark.ui.enabled", "false",
            "spark.sql.shuffle.partitions", "16",
            "spark.driver.host", "127.0.0.1");

    private SparkSessions() {
    }

    /** True when launched by spark-submit, which sets the master as a system property. */
    public static boolean underSparkSubmit() {
        return System.getProperty(MASTER) != null;
    }

    /** The project's Spark defaults file, when the launcher named one. */
    public static Path projectDefaults() {
        String file = System.getProperty(PROJECT_DEFAULTS_PROPERTY);
        return file == null || file.isBlank() ? null : Path.of(file);
    }

    /**
     * @param master   {@code --master}, or null when not given
     * @param settings the properties file's settings with {@code --conf} on top (only {@code --conf}
     *                 under spark-submit, which applied its own file)
     */
    public static SparkSession open(String appName, String master, Map<String, String> settings) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (underSparkSubmit()) {
            if (master != null) {
                System.err.println("ignoring --master " + master + ": spark-submit decides the master");
            }
            settings.forEach(builder::config);
        } else {
            embedded(master, settings).forEach(builder::config);
        }
        builder.config(KRYO_REGISTRATOR, withKryoRecords(settings.getOrDefault(KRYO_REGISTRATOR,
                System.getProperty(KRYO_REGISTRATOR, ""))));
        return builder.getOrCreate();
    }

    /**
     * An embedded run's settings: {@link #LOCAL_DEFAULTS}, overridden by {@code settings}; the master
     * from {@code --master}, else {@code spark.master} in the settings, else {@link CliDefaults#MASTER}
     * ({@code --master} wins over a {@code spark.master} setting, as with spark-submit).
     */
    static Map<String, String> embedded(String master, Map<String, String> settings) {
        Map<String, String> conf = new LinkedHashMap<>(LOCAL_DEFAULTS);
        conf.putAll(settings);
        conf.put(MASTER, master != null ? master : settings.getOrDefault(MASTER, CliDefaults.MASTER));
        return conf;
    }

    /** The cluster's Kryo registrators, if any, and {@link KryoRecords} (used only when Kryo is). */
    static String withKryoRecords(String registrators) {
        String ours = KryoRecords.class.getName();
        if (registrators.isBlank()) {
            return ours;
        }
        return java.util.Arrays.asList(registrators.split(",")).contains(ours) ? registrators : registrators + "," + ours;
    }

    /** Defaults shared by the CLI and the session. */
    public static final class CliDefaults {
        public static final String MASTER = "local[*]";

        private CliDefaults() {
        }
    }
}
