package org.imagenetwds.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Spark standalone cluster on loopback, run by the scripts users get in {@code deploy/standalone/}
 * (so they cannot rot): {@code assemble-spark-home.sh} builds a SPARK_HOME from the jars Maven
 * resolves, {@code start-cluster.sh} starts a master and two workers (1 core each) as JVMs of their
 * own, {@code submit-example.sh} submits {@code run} with spark-submit, {@code stop-cluster.sh} stops
 * them. Workers, their executors and cluster-mode drivers get {@code env} (S3 credentials).
 */
final class StandaloneCluster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path deploy = Path.of(System.getProperty("imagenetwds.deploy", "../deploy/standalone")).toAbsolutePath();
    final Path sparkHome = Path.of(System.getProperty("imagenetwds.sparkHome", "target/spark-home")).toAbsolutePath();
    final Path jobJar = Path.of(System.getProperty("imagenetwds.jobJar", "")).toAbsolutePath();
    final Path dir;
    final int masterPort;
    final int webUiPort;
    private final Map<String, String> env;

    private StandaloneCluster(Path dir, Map<String, String> extraEnv) throws Exception {
        assumeTrue(Files.isRegularFile(jobJar), "job jar not found at " + jobJar + " (run through mvn verify)");
        this.dir = dir;
        masterPort = S3ProxyServer.freePort();
        webUiPort = S3ProxyServer.freePort();
        env = new HashMap<>(extraEnv);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("SPARK_HOME", sparkHome.toString());
        env.put("CLUSTER_DIR", dir.toString());
        env.put("MASTER_PORT", Integer.toString(masterPort));
        env.put("MASTER_WEBUI_PORT", Integer.toString(webUiPort));
        env.put("WORKERS", "2");
        env.put("WORKER_CORES", "1");
        env.put("WORKER_MEMORY", "2g");
        env.put("JAR", jobJar.toString());
        assembleSparkHome(dir);
        try {
            script("start-cluster.sh", List.of(), 3);
        } catch (Exception | AssertionError e) {
            close(); // the daemons it did start outlive the script
            throw e;
        }
    }

    static StandaloneCluster start(Path dir, Map<String, String> env) throws Exception {
        return new StandaloneCluster(dir, env);
    }

    /**
     * The SPARK_HOME every cluster test uses, of the Spark line under test, assembled by the users' script
     * (once: it keeps a stamp).
     */
    static Path assembleSparkHome(Path logDir) throws IOException, InterruptedException {
        Path deploy = Path.of(System.getProperty("imagenetwds.deploy", "../deploy/standalone")).toAbsolutePath();
        Path home = Path.of(System.getProperty("imagenetwds.sparkHome", "target/spark-home")).toAbsolutePath();
        Files.createDirectories(logDir);
        Jvm.start("assemble-spark-home.sh", List.of(deploy.resolve("assemble-spark-home.sh").toString(), home.toString()),
                logDir.resolve("assemble-spark-home.sh.log"), Map.of("JAVA_HOME", System.getProperty("java.home"),
                        "MVN_ARGS", System.getProperty("imagenetwds.sparkLineMvnArgs", "")))
                .awaitSuccess(10);
        return home;
    }

    private void script(String name, List<String> args, long minutes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(deploy.resolve(name).toString()));
        command.addAll(args);
        Files.createDirectories(dir);
        Jvm.start(name, command, dir.resolve(name + ".log"), env).awaitSuccess(minutes);
    }

    /**
     * Starts {@code submit-example.sh}: spark-submit of {@code run --input .. --output ..} (the
     * standard options) in the given deploy mode, with extra spark-submit arguments. In client mode
     * the returned process is the driver JVM itself (the scripts exec it).
     */
    Jvm.Started submit(String name, String deployMode, String input, String output, List<String> sparkArgs)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(deploy.resolve("submit-example.sh").toString()));
        command.addAll(sparkArgs);
        Map<String, String> e = new HashMap<>(env);
        e.put("INPUT", input);
        e.put("OUTPUT", output);
        e.put("DEPLOY_MODE", deployMode);
        return Jvm.start(name, command, dir.resolve(name + ".log"), e);
    }

    /** The master's state ({@code /json/}: workers, apps, drivers). */
    JsonNode state() throws IOException {
        return JSON.readTree(new URL("http://127.0.0.1:" + webUiPort + "/json/"));
    }

    /** Waits for a cluster-mode driver to end and returns its final state (FINISHED, FAILED, ERROR, KILLED). */
    String awaitDriver(String driverId, long minutes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(minutes);
        while (System.nanoTime() < deadline) {
            for (JsonNode d : state().path("completeddrivers")) {
                if (driverId.equals(d.path("id").asText())) {
                    return d.path("state").asText();
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("driver " + driverId + " did not finish in " + minutes + " min: " + state());
    }

    /**
     * The executor JVMs this cluster's workers started: command line naming CoarseGrainedExecutorBackend,
     * working directory under this cluster's folder (a worker runs an executor in its work dir).
     */
    List<ProcessHandle> executors() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .filter(p -> {
                    try {
                        return Files.readSymbolicLink(Path.of("/proc", Long.toString(p.pid()), "cwd")).startsWith(dir);
                    } catch (IOException | UnsupportedOperationException gone) {
                        return false;
                    }
                })
                .toList();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop-cluster.sh", List.of(), 2);
    }
}
