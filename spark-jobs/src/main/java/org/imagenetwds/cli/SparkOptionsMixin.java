package org.imagenetwds.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.imagenetwds.spark.SparkPropertiesFile;
import org.imagenetwds.spark.SparkSessions;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --master}, {@code --properties-file} and repeatable {@code --conf key=value}, as spark-submit
 * takes them. An embedded run reads the properties file (by default the project's
 * {@code conf/spark-defaults.conf}, named by {@code bin/imagenet-wds}) and says which one in its first line.
 */
public final class SparkOptionsMixin {

    @Option(names = "--master",
            description = "Spark master when not under spark-submit (default: spark.master from the properties file, else "
                    + SparkSessions.CliDefaults.MASTER + ").")
    String master;

    @Option(names = "--properties-file", paramLabel = "FILE",
            description = "Spark settings for an embedded run, as spark-submit's --properties-file "
                    + "(default: the project's conf/spark-defaults.conf); --conf wins over it.")
    Path propertiesFile;

    @Option(names = "--conf", paramLabel = "KEY=VALUE", description = "Spark or spark.hadoop.* setting; repeatable.")
    Map<String, String> conf = new LinkedHashMap<>();

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    SparkSession open(String appName) {
        return SparkSessions.open(appName, master, settings());
    }

    /** The properties file's settings with {@code --conf} on top; under spark-submit, which read its own file, {@code --conf} only. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (SparkSessions.underSparkSubmit()) {
            if (propertiesFile != null) {
                throw new CommandLine.ParameterException(command.commandLine(),
                        "--properties-file is for embedded runs: give it to spark-submit, before the jar");
            }
        } else {
            Path file = propertiesFile != null ? propertiesFile : SparkSessions.projectDefaults();
            if (file == null) {
                System.err.println("imagenet-wds: no Spark properties file: embedded defaults and --conf only");
            } else {
                settings.putAll(read(file));
                System.err.println("imagenet-wds: Spark settings from " + file.toAbsolutePath().normalize());
            }
        }
        settings.putAll(conf);
        return settings;
    }

    private Map<String, String> read(Path file) {
        try {
            return SparkPropertiesFile.read(file);
        } catch (IOException e) {
            String origin = file.equals(propertiesFile) ? "--properties-file " : "the Spark properties file named by -D"
                    + SparkSessions.PROJECT_DEFAULTS_PROPERTY + ", ";
            String why = e instanceof NoSuchFileException ? "no such file" : e.toString();
            throw new CommandLine.ParameterException(command.commandLine(), "cannot read " + origin + file + ": " + why);
        }
    }
}
