package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.hadoop.fs.FileStatus;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * S3 in, HDFS out: in local mode, and submitted with spark-submit to a real standalone cluster (a
 * master and two workers, each its own JVM, started by {@code deploy/standalone/}) in client and in
 * cluster deploy mode; an executor SIGKILLed during {@code write}; the driver SIGKILLed during
 * {@code write} and the same command run again. Every output is byte-identical to the local run, and
 * no log or output of any of these runs holds the S3 secret. S3 credentials reach the driver,
 * workers and executors only through the standard provider chain (environment variables).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {

    private static final int SHARDS = 6;

    @TempDir
    static Path dir;

    private static S3ProxyServer s3;
    private static MiniHdfs hdfs;
    private static StandaloneCluster cluster;
    private static Path localReference;
    private static String input;

    @BeforeAll
    static void startStorageAndCluster() throws Exception {
        s3 = S3ProxyServer.start(dir, "cluster");
        s3.upload(PipelineRuns.standardInput(), "raw/fall11/");
        input = s3.uri("raw/fall11/");
        hdfs = MiniHdfs.start(dir);
        localReference = PipelineRuns.localReference();
        cluster = StandaloneCluster.start(dir.resolve("cluster"), s3.credentialsEnv());
    }

    @AfterAll
    static void stopAll() throws Exception {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (hdfs != null) {
                hdfs.close();
            }
            if (s3 != null) {
                s3.close();
            }
        }
    }

    private static String out(String name) {
        return hdfs.root + "/datasets/" + name;
    }

    private static void assertSameAsLocal(String name) throws IOException {
        OutputFiles.assertSameBytes(localReference, hdfs.fetch("/datasets/" + name, dir.resolve("from-hdfs-" + name)));
    }

    /**
     * The committed shards of an output (those with a commit record; a record being written is a
     * hidden temporary file beside them), with the shards' modification times.
     */
    private static Map<String, Long> committed(String name) throws IOException {
        Map<String, Long> shards = new TreeMap<>();
        FileStatus[] records;
        try {
            records = hdfs.fs.listStatus(hdfs.path("/datasets/" + name + "/_work/commits"));
        } catch (FileNotFoundException notYet) {
            return shards;
        }
        for (FileStatus record : records) {
            String file = record.getPath().getName();
            if (!file.startsWith(".") && file.endsWith(".tar.json")) {
                String shard = file.substring(0, file.length() - ".json".length());
                shards.put(shard, hdfs.fs.getFileStatus(hdfs.path("/datasets/" + name + "/" + shard)).getModificationTime());
            }
        }
        return shards;
    }

    /** Waits until at least one shard of the output is committed, while {@code run} is alive. */
    private static Map<String, Long> awaitFirstCommit(String name, Jvm.Started run) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
        while (System.nanoTime() < deadline) {
            assertTrue(run.process().isAlive(), "the run ended before a shard was committed: " + run.tail());
            Map<String, Long> committed = committed(name);
            if (!committed.isEmpty()) {
                return committed;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no shard committed: " + run.tail());
    }

    private List<String> s3a() {
        return s3.s3aConf();
    }

    @Test
    @Order(1)
    void s3InHdfsOutInLocalModeIsByteIdenticalToTheLocalRun() throws Exception {
        PipelineRuns.runJvm("s3-to-hdfs", PipelineRuns.runArgs(input, out("local-mode"), PipelineRuns.OPTIONS, s3a()),
                dir.resolve("s3-to-hdfs.log"), s3.credentialsEnv());
        assertSameAsLocal("local-mode");
    }

    @Test
    @Order(3)
    void clusterModeOnTheClusterIsByteIdentical() throws Exception {
        Jvm.Started submit = cluster.submit("cluster-cluster", "cluster", input, out("cluster"), s3a());
        String printed = submit.awaitSuccess(5);
        Matcher id = Pattern.compile("(driver-\\d+-\\d+)").matcher(printed);
        assertTrue(id.find(), "no driver id in: " + printed);
        String state = cluster.awaitDriver(id.group(1), 10);
        Jvm.printWall("cluster-cluster-driver", submit.startNanos());
        Path driverDir;
        try (var found = Files.find(cluster.dir, 3, (p, a) -> p.getFileName().toString().equals(id.group(1)))) {
            driverDir = found.findFirst().orElseThrow();
        }
        String driverOut = Files.readString(driverDir.resolve("stdout"));
        assertEquals("FINISHED", state, driverOut + Files.readString(driverDir.resolve("stderr")));
        System.out.println("cluster mode: " + id.group(1) + " ran on " + driverDir.getParent().getFileName() + ", " + state);
        assertTrue(driverOut.contains("verify: passed"), driverOut);
        assertSameAsLocal("cluster");
    }

    /** spark-submit of Spark 3.5 exits 0 when a cluster-mode driver fails: submit-example.sh must not. */
    @Test
    @Order(3)
    void aClusterModeDriverThatFailsFailsTheSubmitWithItsLastLine() throws Exception {
        Jvm.Started submit = cluster.submit("cluster-failed", "cluster", "/nonexistent-input", out("failed"), s3a());
        assertEquals(1, submit.await(5), submit.tail());
        assertTrue(submit.tail().contains(" ended FAILED (imagenet-wds: --input /nonexistent-input does not exist)"),
                submit.tail());
    }

    /**
     * Client deploy mode, with one of its executors SIGKILLed during write: the same bytes. (One submission
     * for both: a plain client-mode run proved nothing this one does not, and cost a minute per line.)
     */
    @Test
    @Order(4)
    void clientModeWithAnExecutorKilledDuringWriteIsByteIdentical() throws Exception {
        Jvm.Started run = cluster.submit("cluster-executor-killed", "client", input, out("executor-killed"), s3a());
        Map<String, Long> before = awaitFirstCommit("executor-killed", run);
        List<ProcessHandle> executors = cluster.executors();
        assertFalse(executors.isEmpty(), "no executor JVM found");
        ProcessHandle victim = executors.get(0);
        assertTrue(victim.destroyForcibly(), "could not SIGKILL executor " + victim.pid()); // SIGKILL
        System.out.println("executor kill: SIGKILL executor pid " + victim.pid() + " (of " + executors.size()
                + ") with " + before.size() + " of " + SHARDS + " shards committed");
        String printed = run.awaitSuccess(10);
        assertTrue(printed.contains("verify: passed"), printed);
        List<String> lost = printed.lines().filter(l -> l.contains("Lost executor") || l.contains("ExecutorLostFailure")
                || l.contains("Removed executor")).toList();
        assertFalse(lost.isEmpty(), "the driver did not notice the lost executor");
        System.out.println("executor kill: the driver logged " + lost.size() + " lines about it, e.g. " + lost.get(0));
        assertSameAsLocal("executor-killed");
    }

    @Test
    @Order(5)
    void aDriverKilledDuringWriteResumesWithoutRewritingCommittedShards() throws Exception {
        Jvm.Started run = cluster.submit("cluster-driver-killed", "client", input, out("driver-killed"), s3a());
        awaitFirstCommit("driver-killed", run);
        assertTrue(run.process().info().commandLine().orElse("").contains("org.apache.spark.deploy.SparkSubmit"),
                "the submitted process is not the SparkSubmit JVM");
        run.kill(); // the driver (client mode: the SparkSubmit JVM)
        Map<String, Long> committed = committed("driver-killed");
        System.out.println("driver kill: SIGKILL driver pid " + run.process().pid() + " with " + committed.size()
                + " of " + SHARDS + " shards committed " + committed.keySet());
        assertFalse(hdfs.fs.exists(hdfs.path("/datasets/driver-killed/_info.json")), "the killed run got to the end");

        String printed = cluster.submit("cluster-driver-resumed", "client", input, out("driver-killed"), s3a())
                .awaitSuccess(10);
        assertTrue(printed.contains("count: up to date, skipped"), printed);
        Map<String, Long> after = committed("driver-killed");
        assertEquals(SHARDS, after.size());
        assertFalse(committed.isEmpty(), "no shard was committed before the kill");
        for (var shard : committed.entrySet()) {
            assertEquals(shard.getValue(), after.get(shard.getKey()), shard.getKey() + " was written again");
        }
        System.out.println("driver kill: re-run kept the " + committed.size() + " committed shards (same modification"
                + " times), wrote " + (SHARDS - committed.size()));
        assertSameAsLocal("driver-killed");
    }

    @Test
    @Order(6)
    void noLogAndNoOutputOfTheseRunsHoldsTheSecret() throws Exception {
        Path outputs = hdfs.fetch("/datasets", dir.resolve("all-outputs"));
        List<Path> searched = new ArrayList<>(List.of(cluster.dir, outputs, dir.resolve("s3-to-hdfs.log")));
        int files = PipelineRuns.assertSecretAbsent(s3.secret, searched);
        long executorLogs;
        try (var logs = Files.find(cluster.dir, 4, (p, a) -> p.getFileName().toString().equals("stderr"))) {
            executorLogs = logs.count();
        }
        System.out.println("secret: absent from " + files + " files (driver, master, worker logs, " + executorLogs
                + " executor/driver stderr files, all outputs and work folders)");
        assertTrue(executorLogs >= 4, "expected executor logs under the workers' work dirs");
    }
}
