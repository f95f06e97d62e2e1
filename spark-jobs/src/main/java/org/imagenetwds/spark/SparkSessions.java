package org.imagenetwds.spark;

import java.util.Map;

import org.apache.spark.sql.SparkSession;

/** Opens the Spark session: embedded local mode from the CLI, or whatever spark-submit configured. */
public final class SparkSessions {

    private SparkSessions() {
    }

    /** True when launched by spark-submit, which sets the master as a system property. */
    public static boolean underSparkSubmit() {
        return System.getProperty("spark.master") != null;
    }

    public static SparkSession open(String appName, String master, Map<String, String> conf) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        if (!underSparkSubmit()) {
            builder.master(master)
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "16")
                    .config("spark.driver.host", "127.0.0.1");
        } else if (master != null && !master.equals(CliDefaults.MASTER)) {
            System.err.println("ignoring --master " + master + ": spark-submit decides the master");
        }
        conf.forEach(builder::config);
        builder.config(KRYO_REGISTRATOR, withKryoRecords(conf.getOrDefault(KRYO_REGISTRATOR,
                System.getProperty(KRYO_REGISTRATOR, ""))));
        return builder.getOrCreate();
    }

    private static final String KRYO_REGISTRATOR = "spark.kryo.registrator";

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
