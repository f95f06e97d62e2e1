package org.imagenetwds.cli;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.spark.SparkSessions;

import picocli.CommandLine.Option;

/** {@code --master} and repeatable {@code --conf key=value}, as spark-submit takes them. */
public final class SparkOptionsMixin {

    @Option(names = "--master", defaultValue = SparkSessions.CliDefaults.MASTER,
            description = "Spark master when not under spark-submit (default: ${DEFAULT-VALUE}).")
    String master;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark or spark.hadoop.* setting; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    SparkSession open(String appName) {
        return SparkSessions.open(appName, master, conf);
    }
}
