package org.imagenetwds.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.imagenetwds.cli.ImagenetWds;
import org.imagenetwds.spark.OutputFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real YARN, as EMR and Dataproc run it: ResourceManager and NodeManager (containers as
 * JVMs of their own) over a real HDFS, {@code spark-submit --master yarn --deploy-mode cluster} with
 * the job jar and the arguments of {@code deploy/emr/step.json} (paths moved to this HDFS, the test's
 * small options appended). The application must end SUCCEEDED in one attempt with the local run's
 * bytes, also when an executor container is killed during write.
 */
class YarnIT {

    @TempDir
    static Path dir;

    private static MiniHdfs hdfs;
    private static MiniYarn yarn;
    private static Path sparkHome;
    private static Path localReference;

    private final Path jobJar = Path.of(System.getProperty("imagenetwds.jobJar", "")).toAbsolutePath();
    private final Path deploy = Path.of(System.getProperty("imagenetwds.deploy", "../deploy/standalone")).toAbsolutePath();

    @BeforeAll
    static void startHdfsAndYarn() throws Exception {
        hdfs = MiniHdfs.start(dir);
        hdfs.put(PipelineRuns.standardInput(), "/raw/fall11");
        localReference = PipelineRuns.localReference();
        sparkHome = StandaloneCluster.assembleSparkHome(dir);
        yarn = MiniYarn.start(hdfs, dir);
    }

    @AfterAll
    static void stop() {
        if (yarn != null) {
            yarn.close();
        }
        if (hdfs != null) {
            hdfs.close();
        }
    }

    @Test
    void clusterModeSucceedsInOneAttemptWithTheLocalRunsBytes() throws Exception {
        Jvm.Started submit = submit("yarn-cluster", "/datasets/in12k-yarn");
        submit.awaitSuccess(10);
        assertOneSucceededAttempt("yarn-cluster");
        OutputFiles.assertSameBytes(localReference, hdfs.fetch("/datasets/in12k-yarn", dir.resolve("from-yarn")));
        System.out.println("YARN container peak physical memory (MB): " + yarn.peakMemoryMb());
    }

    @Test
    void anExecutorContainerKilledDuringWriteCostsARetryNotTheRun() throws Exception {
        String out = "/datasets/in12k-yarn-killed";
        Jvm.Started submit = submit("yarn-executor-killed", out);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        while (!hdfs.fs.exists(hdfs.path(out + "/_work/_split.done.json"))) {
            assertTrue(System.nanoTime() < deadline, "split did not finish within 10 minutes: " + submit.tail());
            assertFalse(submit.process().waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS),
                    "the run ended before write: " + submit.tail());
        }
        List<ProcessHandle> executors = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("YarnCoarseGrainedExecutorBackend"))
                .toList();
        assumeTrue(!executors.isEmpty(), "no executor container found to kill");
        executors.get(0).destroyForcibly();
        System.out.println("killed executor container JVM " + executors.get(0).pid() + " during write");
        submit.awaitSuccess(10);
        assertOneSucceededAttempt("yarn-executor-killed");
        OutputFiles.assertSameBytes(localReference, hdfs.fetch(out, dir.resolve("from-yarn-killed")));
    }

    private void assertOneSucceededAttempt(String name) throws Exception {
        ApplicationReport app = yarn.applications().stream().filter(a -> a.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no YARN application named " + name));
        assertEquals(FinalApplicationStatus.SUCCEEDED, app.getFinalApplicationStatus(), app.getDiagnostics());
        assertEquals(1, yarn.attempts(app), "application attempts of " + name);
        System.out.printf("YARN %s: %s in %d attempt(s), %.1f s from submission to finish%n", name,
                app.getFinalApplicationStatus(), yarn.attempts(app), (app.getFinishTime() - app.getStartTime()) / 1e3);
    }

    /**
     * {@code deploy/standalone/spark-submit.sh --master yarn} with the EMR step's arguments, the
     * executors sized as conf/spark-defaults.conf sizes them, scaled down (1 GB of heap per core).
     */
    private Jvm.Started submit(String name, String output) throws Exception {
        assumeTrue(Files.isRegularFile(jobJar), "job jar not found at " + jobJar + " (run through mvn verify)");
        String javaHome = System.getProperty("java.home");
        List<String> command = new ArrayList<>(List.of(deploy.resolve("spark-submit.sh").toString(),
                "--master", "yarn", "--name", name,
                "--conf", "spark.yarn.jars=local:" + sparkHome.resolve("jars") + "/*",
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + javaHome,
                "--conf", "spark.executorEnv.JAVA_HOME=" + javaHome,
                "--conf", "spark.yarn.maxAppAttempts=2",
                "--conf", "spark.executor.instances=1", "--conf", "spark.executor.cores=2",
                "--conf", "spark.executor.memory=2g", "--conf", "spark.executor.memoryOverhead=512m",
                "--conf", "spark.driver.memory=1g"));
        command.addAll(emrStepArguments(hdfs.root + "/raw/fall11", hdfs.root + output, hdfs.root + output + "/_work"));
        command.addAll(PipelineRuns.OPTIONS);
        return Jvm.start(name, command, dir.resolve(name + ".log"), Map.of("JAVA_HOME", javaHome,
                "SPARK_HOME", sparkHome.toString(), "HADOOP_CONF_DIR", yarn.confDir.toString()));
    }

    /** The spark-submit arguments of deploy/emr/step.json with the job jar and the paths replaced. */
    private List<String> emrStepArguments(String input, String output, String work) throws Exception {
        JsonNode step = new ObjectMapper().readTree(deploy.resolve("../emr/step.json").toFile()).get(0);
        List<String> args = new ArrayList<>();
        step.path("HadoopJarStep").path("Args").forEach(a -> args.add(a.asText()));
        assertEquals("spark-submit", args.remove(0));
        assertEquals(ImagenetWds.class.getName(), args.get(args.indexOf("--class") + 1));
        args.replaceAll(a -> a.endsWith("-job.jar") ? jobJar.toString() : a);
        args.set(args.indexOf("--input") + 1, input);
        args.set(args.indexOf("--output") + 1, output);
        args.set(args.indexOf("--work") + 1, work);
        return args;
    }
}
